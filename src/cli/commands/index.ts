// Every subcommand of `catalogue`, registered in the order `--help` lists them.
import type { Command } from "commander";
import type { CliIo } from "../io.ts";
import { registerCrawl } from "./crawl.ts";
import { registerFederation } from "./federation.ts";
import { registerForge } from "./forge.ts";
import { registerMigrate } from "./migrate.ts";
import { registerPeer } from "./peer.ts";
import { registerPublisher } from "./publisher.ts";
import { registerSeed } from "./seed.ts";
import { registerServe } from "./serve.ts";
import { registerSync } from "./sync.ts";
import { registerToken } from "./token.ts";
import { registerTrigger } from "./trigger.ts";
import { registerValidate } from "./validate.ts";
import { registerWorker } from "./worker.ts";

export type RegisterCommand = (program: Command, io: CliIo, setExitCode: (code: number) => void) => void;

export const commands: RegisterCommand[] = [
  registerServe,
  registerValidate,
  registerMigrate,
  registerSeed,
  registerPublisher,
  registerForge,
  registerToken,
  registerWorker,
  registerTrigger,
  registerCrawl,
  registerPeer,
  registerSync,
  registerFederation,
];

// `catalogue peer add URL [--name N] [--kind K]` and `catalogue peer list`: the catalogues this one syncs from.
import { isAbsolute, resolve } from "node:path";
import type { Command } from "commander";
import { loadConfig } from "../../config.ts";
import {
  addPeer,
  type FederationSettings,
  listPeers,
  resolveFederationSettings,
} from "../../services/federation/index.ts";
import type { CliIo } from "../io.ts";
import type { RegisterCommand } from "./index.ts";
import { withStore } from "./migrate.ts";

/** This catalogue's federation identity as the CLI sees it (the server may bind another port, not another id). */
export async function cliFederationSettings(io: CliIo): Promise<FederationSettings> {
  const config = loadConfig(io.env);
  const keyFile = isAbsolute(config.FEDERATION_KEY_FILE)
    ? config.FEDERATION_KEY_FILE
    : resolve(io.cwd, config.FEDERATION_KEY_FILE);
  return resolveFederationSettings(
    { ...config, FEDERATION_KEY_FILE: keyFile },
    `http://${config.HOST}:${config.PORT}`,
  );
}

interface AddOptions {
  name?: string;
  kind?: "catalogue" | "open-catalog-api";
}

export const registerPeer: RegisterCommand = (program: Command, io: CliIo) => {
  const peer = program.command("peer").description("Manage the peer catalogues this catalogue syncs from");
  peer
    .command("add <url>")
    .description("Register a peer by its base URL (its descriptor is fetched to learn its id)")
    .option("--name <name>", "display name (default: the peer's own)")
    .option("--kind <kind>", "catalogue (default) or open-catalog-api", "catalogue")
    .action((url: string, options: AddOptions) =>
      withStore(io, async ({ ctx }) => {
        const settings = await cliFederationSettings(io);
        const added = await addPeer(
          ctx,
          { selfCatalogueId: settings.catalogueId, allowPrivateNetwork: settings.allowPrivateNetwork },
          {
            url,
            ...(options.name ? { name: options.name } : {}),
            ...(options.kind ? { kind: options.kind } : {}),
          },
        );
        io.stdout.write(`added peer ${added.id} (${added.name}) at ${added.baseUrl}\n`);
      }),
    );
  peer
    .command("list")
    .description("List peers with their sync state")
    .option("--json", "print JSON")
    .action((options: { json?: boolean }) =>
      withStore(io, async ({ ctx }) => {
        const peers = listPeers(ctx);
        if (options.json) {
          io.stdout.write(`${JSON.stringify(peers, null, 2)}\n`);
          return;
        }
        for (const p of peers) {
          const last = p.lastSuccessAt ?? "never";
          const error = p.lastError ? `  error: ${p.lastError}` : "";
          io.stdout.write(
            `${p.id}\t${p.status}\t${p.phase}\timported ${p.recordsImported}\tlast success ${last}\t${p.baseUrl}${error}\n`,
          );
        }
        if (peers.length === 0) io.stdout.write("no peers\n");
      }),
    );
};

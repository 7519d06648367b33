// `catalogue serve`: runs the HTTP API on HOST:PORT until SIGINT or SIGTERM, then closes cleanly.
import type { Command } from "commander";
import { loadConfig } from "../../config.ts";
import { createLogger } from "../../logger.ts";
import { startServer } from "../../node.ts";
import { type CliIo, type WaitForStop, waitForSignal } from "../io.ts";
import type { RegisterCommand } from "./index.ts";

export interface ServeOptions {
  port?: string;
  host?: string;
}

export type { WaitForStop };

export async function runServe(io: CliIo, options: ServeOptions, waitForStop: WaitForStop = waitForSignal) {
  const config = loadConfig({
    ...io.env,
    ...(options.port !== undefined ? { PORT: options.port } : {}),
    ...(options.host !== undefined ? { HOST: options.host } : {}),
  });
  const logger = createLogger(config.LOG_LEVEL, io.stderr);
  const server = await startServer({ config, logger, secrets: io.env });
  logger.info({ url: server.url, database: config.DATABASE_URL }, "listening");
  // The URL on stdout too: scripts (and the integration test) read it from there.
  io.stdout.write(`listening on ${server.url}\n`);
  const signal = await waitForStop();
  logger.info({ signal }, "stopping");
  await server.close();
}

export const registerServe: RegisterCommand = (program: Command, io: CliIo) => {
  program
    .command("serve")
    .description("Serve the HTTP API (/v1, /openapi.json, /docs, /metrics)")
    .option("-p, --port <port>", "port to listen on (default PORT, else 8080; 0 picks a free port)")
    .option("--host <host>", "address to bind (default HOST, else 127.0.0.1)")
    .action((options: ServeOptions) => runServe(io, options));
};

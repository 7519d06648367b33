// `catalogue migrate`: creates the database (and its folder, e.g. ./data/) if missing and applies pending
// migrations. Also exports openStore, which the other store commands use to get a migrated database and a
// service context acting as "cli".
import { isAbsolute, resolve } from "node:path";
import type { Command } from "commander";
import { loadConfig, sqlitePath } from "../../config.ts";
import { createDb, type DbHandle } from "../../db/client.ts";
import { createLogger } from "../../logger.ts";
import { createServiceContext, type ServiceContext } from "../../services/context.ts";
import { DomainError } from "../../services/errors.ts";
import { type CliIo, UsageError } from "../io.ts";
import type { RegisterCommand } from "./index.ts";

export interface Store {
  handle: DbHandle;
  ctx: ServiceContext;
  /** The database file (or ":memory:"), resolved against the command's working directory. */
  path: string;
}

export function openStore(io: CliIo): Store {
  const config = loadConfig(io.env);
  const raw = sqlitePath(config.DATABASE_URL);
  const path = raw === ":memory:" || isAbsolute(raw) ? raw : resolve(io.cwd, raw);
  const handle = createDb(path);
  const ctx = createServiceContext({
    db: handle.db,
    actor: "cli",
    logger: createLogger(config.LOG_LEVEL, io.stderr),
  });
  return { handle, ctx, path };
}

/** Runs `fn` with an open store and closes it afterwards, whatever happens. */
export async function withStore<T>(io: CliIo, fn: (store: Store) => Promise<T>): Promise<T> {
  const store = openStore(io);
  try {
    return await fn(store);
  } catch (error) {
    // A domain error (unknown id, duplicate URL, invalid input) is the user's to fix: a message, not a stack.
    if (error instanceof DomainError) throw new UsageError(error.message);
    throw error;
  } finally {
    store.handle.close();
  }
}

export const registerMigrate: RegisterCommand = (program: Command, io: CliIo) => {
  program
    .command("migrate")
    .description("Create the database if needed and apply pending migrations")
    .action(() =>
      withStore(io, async ({ path }) => {
        io.stdout.write(`database ${path} is migrated\n`);
      }),
    );
};

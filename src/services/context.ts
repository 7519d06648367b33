// What every verb receives: the database, a logger, the clock, who is acting (recorded in the change log) and
// an id generator. Built once per request / job / CLI run; tests build their own with a fixed clock.
import type { Db } from "../db/client.ts";
import { type Clock, systemClock } from "../lib/clock.ts";
import { newEntityId } from "../lib/ids.ts";
import { type Logger, silentLogger } from "../logger.ts";

export interface ServiceContext {
  db: Db;
  logger: Logger;
  clock: Clock;
  /** Who acts: "token:<id>", "cli", "harvester", "sync:<peer>"… */
  actor: string;
  /** New entity ids (time-ordered UUIDs by default, see lib/ids.ts); injected so tests can make them predictable. */
  newId: () => string;
}

export interface CreateServiceContextOptions {
  db: Db;
  actor: string;
  logger?: Logger;
  clock?: Clock;
  newId?: () => string;
}

export function createServiceContext(options: CreateServiceContextOptions): ServiceContext {
  return {
    db: options.db,
    actor: options.actor,
    logger: options.logger ?? silentLogger,
    clock: options.clock ?? systemClock,
    newId: options.newId ?? newEntityId,
  };
}

/** The same context acting as someone else (e.g. the HTTP layer once a token is verified). */
export function withActor(ctx: ServiceContext, actor: string): ServiceContext {
  return { ...ctx, actor };
}

/** The verb signature: `verb({ ctx, input })`. */
export interface VerbArgs<I> {
  ctx: ServiceContext;
  input: I;
}

/** A drizzle transaction handle (what db.transaction passes its callback); verbs also accept the Db itself. */
export type Tx = Parameters<Parameters<Db["transaction"]>[0]>[0];
export type DbOrTx = Db | Tx;

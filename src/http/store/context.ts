// Builds the store's ServiceContext for one call, and the wire conversions every resource shares.
import type { Db } from "../../db/client.ts";
import type { Clock } from "../../lib/clock.ts";
import { createServiceContext, type ServiceContext } from "../../services/context.ts";
import type { CallContext } from "../services.ts";

export interface StoreDeps {
  db: Db;
  clock: Clock;
}

/** Reads have no token; the actor only matters for writes, which always carry one. */
const anonymousActor = "anonymous";

export function serviceContext(deps: StoreDeps, cx: CallContext): ServiceContext {
  return createServiceContext({
    db: deps.db,
    clock: deps.clock,
    logger: cx.logger,
    actor: cx.actor ?? anonymousActor,
  });
}

export const iso = (d: Date) => d.toISOString();

/**
 * Store cursors are base64url; the open-catalog-api declares `format: base64` for links, so the wire carries
 * the standard alphabet and we translate back on the way in.
 */
export const cursorToWire = (cursor: string | null) =>
  cursor === null ? null : Buffer.from(cursor, "base64url").toString("base64");
export const cursorFromWire = (cursor: string | undefined) =>
  cursor === undefined ? undefined : Buffer.from(cursor, "base64").toString("base64url");

/** A store page's cursors as the wire's links (`next` → page[after], `prev` → page[before]). */
export const wireLinks = (page: { nextCursor: string | null; prevCursor: string | null }) => ({
  next: cursorToWire(page.nextCursor),
  prev: cursorToWire(page.prevCursor),
});

/**
 * Log rows have integer ids, the spec wants UUID-shaped ones: the integer is written into the last group of a
 * fixed v4-shaped template, which keeps it reversible and ordered.
 */
export function logIdToWire(id: number): string {
  return `00000000-0000-4000-8000-${id.toString(16).padStart(12, "0")}`;
}

// Peers are registered data: an admin adds a catalogue by URL (its descriptor tells its id and name) and the
// sync verb keeps per-peer state on the row. Adding a peer fetches its descriptor once, so a typo fails now
// rather than at the first sync.
import { asc, eq, isNull, lte, or } from "drizzle-orm";
import { z } from "zod";
import { type PeerKind, type PeerRow, peer, peerKinds } from "../../db/schema/index.ts";
import { fetchCatalogueDescriptor, WELL_KNOWN_PATH } from "../../federation/peer-descriptor.ts";
import { safeFetch } from "../../net/safe-fetch.ts";
import type { ServiceContext, VerbArgs } from "../context.ts";
import { ConflictError, InvalidInputError, NotFoundError } from "../errors.ts";
import type { Page } from "../lib/cursor.ts";
import { type KeysetOrder, keysetPage } from "../lib/keyset.ts";
import type { PeerFetch } from "./peer-http.ts";

export const addPeerInput = z.object({
  url: z.url({ protocol: /^https?$/ }),
  name: z.string().min(1).max(255).optional(),
  kind: z.enum(peerKinds).default("catalogue"),
});
export type AddPeerInput = z.input<typeof addPeerInput>;

export interface PeerDeps {
  selfCatalogueId: string;
  allowPrivateNetwork: boolean;
  fetch?: PeerFetch;
}

export interface PeerView {
  id: string;
  kind: PeerKind;
  name: string;
  baseUrl: string;
  phase: string;
  status: string;
  lastSuccessAt: string | null;
  lastAttemptAt: string | null;
  lastError: string | null;
  recordsImported: number;
  recordsRejected: number;
  nextAttemptAt: string | null;
}

export function toPeerView(row: PeerRow): PeerView {
  const at = (d: Date | null) => (d ? d.toISOString() : null);
  return {
    id: row.id,
    kind: row.kind,
    name: row.name,
    baseUrl: row.baseUrl,
    phase: row.phase,
    status: row.status,
    lastSuccessAt: at(row.lastSuccessAt),
    lastAttemptAt: at(row.lastAttemptAt),
    lastError: row.lastError,
    recordsImported: row.recordsImported,
    recordsRejected: row.recordsRejected,
    nextAttemptAt: at(row.nextAttemptAt),
  };
}

/** The id a catalogue announces at `baseUrl` (its descriptor is then fetched again, fully checked). */
async function discoverCatalogueId(baseUrl: string, deps: PeerDeps): Promise<{ id: string; name: string }> {
  const url = `${baseUrl}${WELL_KNOWN_PATH}`;
  const options = { fetch: deps.fetch ?? safeFetch, allowPrivateNetwork: deps.allowPrivateNetwork };
  const res = await options.fetch(url, {
    allowPrivateNetwork: deps.allowPrivateNetwork,
    maxBytes: 256 * 1024,
  });
  let id: unknown;
  try {
    id = (JSON.parse(new TextDecoder().decode(res.body)) as { id?: unknown }).id;
  } catch {
    id = undefined;
  }
  if (res.status !== 200 || typeof id !== "string") {
    throw new InvalidInputError(`no catalogue descriptor at ${url} (HTTP ${res.status})`, [
      { field: "url", message: "not a publiccode catalogue" },
    ]);
  }
  try {
    const descriptor = await fetchCatalogueDescriptor(url, id, options);
    return { id: descriptor.id, name: descriptor.name };
  } catch (error) {
    throw new InvalidInputError((error as Error).message, [{ field: "url", message: "bad descriptor" }]);
  }
}

export async function addPeer(ctx: ServiceContext, deps: PeerDeps, input: AddPeerInput): Promise<PeerView> {
  const parsed = addPeerInput.safeParse(input);
  if (!parsed.success) {
    const fields = parsed.error.issues.map((i) => ({ field: i.path.join("."), message: i.message }));
    throw new InvalidInputError(
      `invalid peer: ${fields.map((f) => `${f.field}: ${f.message}`).join("; ")}`,
      fields,
    );
  }
  const data = parsed.data;
  const baseUrl = data.url.replace(/\/+$/, "");
  const found =
    data.kind === "catalogue"
      ? await discoverCatalogueId(baseUrl, deps)
      : { id: new URL(baseUrl).host.toLowerCase().replace(/:/g, "-"), name: new URL(baseUrl).host };
  if (found.id === deps.selfCatalogueId) throw new ConflictError("a catalogue cannot be its own peer");
  const now = ctx.clock.now();
  return ctx.db.transaction((tx) => {
    if (tx.select().from(peer).where(eq(peer.id, found.id)).get()) {
      throw new ConflictError(`peer '${found.id}' is already registered`);
    }
    const row = tx
      .insert(peer)
      .values({
        id: found.id,
        kind: data.kind,
        name: data.name ?? found.name,
        baseUrl,
        createdAt: now,
        updatedAt: now,
      })
      .returning()
      .get();
    return toPeerView(row);
  });
}

export function listPeers(ctx: ServiceContext): PeerView[] {
  return ctx.db.select().from(peer).orderBy(asc(peer.id)).all().map(toPeerView);
}

export const listPeerPageInput = z.object({
  /** Peers after this cursor (a page's nextCursor). */
  cursor: z.string().optional(),
  /** Peers before this cursor (a page's prevCursor); not with `cursor`. */
  before: z.string().optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(25),
});
export type ListPeerPageInput = z.input<typeof listPeerPageInput>;

const byId: KeysetOrder<PeerRow> = {
  key: [{ column: peer.id, kind: "text" }],
  direction: "asc",
  keyOf: (row) => [row.id],
};

/** The registered peers by id, a page at a time (the catalogues this one federates with, e.g. for /v1/catalogs). */
export async function listPeerPage({ ctx, input }: VerbArgs<ListPeerPageInput>): Promise<Page<PeerRow>> {
  const { cursor, before, limit } = listPeerPageInput.parse(input);
  const page = keysetPage(byId, { after: cursor, before, limit }, (where, orderBy, n) =>
    ctx.db
      .select()
      .from(peer)
      .where(where)
      .orderBy(...orderBy)
      .limit(n)
      .all(),
  );
  return { data: page.rows, nextCursor: page.nextCursor, prevCursor: page.prevCursor };
}

export function requirePeerRow(ctx: ServiceContext, id: string): PeerRow {
  const row = ctx.db.select().from(peer).where(eq(peer.id, id)).get();
  if (!row) throw new NotFoundError("peer", id);
  return row;
}

/** Peers whose backoff has expired (or that never failed), the longest waiting first: the job scheduler's view. */
export function listDuePeers(ctx: ServiceContext, now: Date, limit: number): { id: string; dueAt: Date }[] {
  return ctx.db
    .select({ id: peer.id, nextAttemptAt: peer.nextAttemptAt })
    .from(peer)
    .where(or(isNull(peer.nextAttemptAt), lte(peer.nextAttemptAt, now)))
    .orderBy(asc(peer.nextAttemptAt), asc(peer.id))
    .limit(limit)
    .all()
    .map((row) => ({ id: row.id, dueAt: row.nextAttemptAt ?? now }));
}

// The sync verb: bootstraps a peer from its snapshot, then follows its changes feed, page by page, resuming
// from the cursor stored on the peer row (see sync-page.ts for why a crash loses and duplicates nothing).
// A failed run keeps the cursor and schedules the next attempt with exponential backoff.
import { eq, isNull, lte, or, sql } from "drizzle-orm";
import { type PeerRow, peer } from "../../db/schema/index.ts";
import type { ServiceContext } from "../context.ts";
import { mirrorOpenCatalog } from "./mirror.ts";
import { type IntakeOptions, readPagesInThread, readPagesInWorker } from "./page-intake.ts";
import { type PeerFetch, PeerPageError } from "./peer-http.ts";
import { requirePeerRow } from "./peers.ts";
import { Resync } from "./resync.ts";
import type { FederationSettings } from "./settings.ts";
import { applyPage } from "./sync-page.ts";

export interface SyncDeps {
  settings: FederationSettings;
  fetch?: PeerFetch;
  /** Records per page asked from the peer (≤ 500). */
  pageSize?: number;
  /** Stop after this many pages in one run (the next run continues from the cursor). */
  maxPages?: number;
  backoffBaseMs?: number;
  backoffMaxMs?: number;
  onPage?: (progress: SyncProgress) => void;
}

export interface SyncProgress {
  peerId: string;
  phase: "snapshot" | "changes";
  pages: number;
  applied: number;
  skipped: number;
  rejected: number;
  bytes: number;
}

export interface SyncResult extends SyncProgress {
  ok: boolean;
  error: string | null;
}

function backoffMs(failures: number, deps: SyncDeps): number {
  const base = deps.backoffBaseMs ?? 30_000;
  return Math.min(base * 2 ** Math.max(0, failures - 1), deps.backoffMaxMs ?? 6 * 3_600_000);
}

async function runPages(ctx: ServiceContext, deps: SyncDeps, start: PeerRow, progress: SyncProgress) {
  // After a 410: the snapshot from its start and the changes after it in this one run, then the sweep.
  const resync = start.resyncPending ? new Resync(start.id) : null;
  const from = resync
    ? { phase: "snapshot" as const, cursor: null }
    : { phase: start.phase, cursor: start.cursor };
  const options: IntakeOptions = {
    baseUrl: start.baseUrl,
    from,
    pageSize: deps.pageSize ?? 500,
    maxPages: deps.maxPages ?? 100_000,
    allowPrivateNetwork: deps.settings.allowPrivateNetwork,
    knownPeers: ctx.db
      .select({ id: peer.id, baseUrl: peer.baseUrl })
      .from(peer)
      .all()
      .map((p) => [p.id, p.baseUrl]),
    self: { catalogueId: deps.settings.catalogueId, publicKeys: deps.settings.publicKeys },
  };
  // A bootstrap reads on a worker thread (page-intake.ts); a caller's own fetch cannot go there.
  const intake =
    from.phase === "snapshot" && !deps.fetch
      ? readPagesInWorker(options)
      : readPagesInThread(options, { clock: ctx.clock, ...(deps.fetch ? { fetch: deps.fetch } : {}) });
  const self = { catalogueId: deps.settings.catalogueId, baseUrl: deps.settings.baseUrl };
  try {
    for (let pending = intake.take(); pending !== null; pending = intake.take()) {
      const { bytes, next, more, checked } = await pending;
      const outcome = applyPage(ctx, { peerId: start.id, self, page: checked, next });
      resync?.note(checked);
      progress.pages += 1;
      progress.bytes += bytes;
      progress.applied += outcome.applied;
      progress.skipped += outcome.skipped;
      progress.rejected += outcome.rejected;
      progress.phase = next.phase;
      deps.onPage?.({ ...progress });
      if (!more) {
        resync?.sweep(ctx, self.catalogueId);
        return;
      }
    }
  } finally {
    intake.close();
  }
}

function recordImported(ctx: ServiceContext, peerId: string, applied: number, rejected: number): void {
  ctx.db
    .update(peer)
    .set({
      recordsImported: sql`${peer.recordsImported} + ${applied}`,
      recordsRejected: sql`${peer.recordsRejected} + ${rejected}`,
    })
    .where(eq(peer.id, peerId))
    .run();
}

/** Syncs one peer now (whatever its backoff says), recording the outcome on its row. */
export async function syncPeer(ctx: ServiceContext, deps: SyncDeps, peerId: string): Promise<SyncResult> {
  const start = requirePeerRow(ctx, peerId);
  const progress: SyncProgress = {
    peerId,
    phase: start.phase,
    pages: 0,
    applied: 0,
    skipped: 0,
    rejected: 0,
    bytes: 0,
  };
  const startedAt = ctx.clock.now();
  ctx.db.update(peer).set({ lastAttemptAt: startedAt }).where(eq(peer.id, peerId)).run();
  try {
    if (start.kind === "open-catalog-api") {
      const mirrored = await mirrorOpenCatalog(ctx, start, {
        allowPrivateNetwork: deps.settings.allowPrivateNetwork,
        ...(deps.fetch ? { fetch: deps.fetch } : {}),
      });
      Object.assign(progress, mirrored, { pages: progress.pages + 1 });
      recordImported(ctx, peerId, mirrored.applied, mirrored.rejected);
    } else {
      await runPages(ctx, deps, start, progress);
    }
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const failures = requirePeerRow(ctx, peerId).failures + 1;
    const expired = error instanceof PeerPageError && error.cursorExpired;
    ctx.db
      .update(peer)
      .set({
        status: "failing",
        lastError: message.slice(0, 1000),
        failures,
        nextAttemptAt: new Date(ctx.clock.now().getTime() + backoffMs(failures, deps)),
        // 410: the peer compacted past our cursor; the protocol says start over from its snapshot (resync.ts).
        ...(expired ? { phase: "snapshot" as const, cursor: null, resyncPending: true } : {}),
        updatedAt: ctx.clock.now(),
      })
      .where(eq(peer.id, peerId))
      .run();
    ctx.logger.warn({ peer: peerId, err: message, failures }, "peer sync failed");
    return { ...progress, ok: false, error: message };
  }
  const now = ctx.clock.now();
  ctx.db
    .update(peer)
    .set({
      status: "ok",
      lastError: null,
      failures: 0,
      nextAttemptAt: null,
      lastSuccessAt: now,
      updatedAt: now,
    })
    .where(eq(peer.id, peerId))
    .run();
  ctx.logger.info({ ...progress }, "peer synced");
  return { ...progress, ok: true, error: null };
}

/** Syncs every peer whose backoff has expired (or just `peerId`), one after the other. */
export async function syncPeers(ctx: ServiceContext, deps: SyncDeps, peerId?: string): Promise<SyncResult[]> {
  const now = ctx.clock.now();
  const due =
    peerId !== undefined
      ? [requirePeerRow(ctx, peerId)]
      : ctx.db
          .select()
          .from(peer)
          .where(or(isNull(peer.nextAttemptAt), lte(peer.nextAttemptAt, now)))
          .all();
  const results: SyncResult[] = [];
  for (const row of due) results.push(await syncPeer(ctx, deps, row.id));
  return results;
}

// The `sync-peer` job: one sync run of one peer through the federation verb. The verb records failures and the
// backoff on the peer row itself; this file only tells the queue whether the job failed (so it can retry) or
// that the peer is unknown (no retry can help).

import { PermanentJobError } from "../src/queue/errors.ts";
import type { Job } from "../src/queue/types.ts";
import { type SyncDeps, type SyncResult, syncPeer } from "../src/services/federation/index.ts";
import { NotFoundError, type ServiceContext } from "../src/services/index.ts";

export interface SyncPeerJobData {
  peerId: string;
}

export interface SyncPeerWorkerDeps {
  ctx: ServiceContext;
  sync: SyncDeps;
}

export function createSyncPeerProcessor(deps: SyncPeerWorkerDeps) {
  return async (job: Job<SyncPeerJobData>): Promise<SyncResult> => {
    let result: SyncResult;
    try {
      result = await syncPeer(deps.ctx, deps.sync, job.data.peerId);
    } catch (error) {
      if (error instanceof NotFoundError) throw new PermanentJobError(error.message, { cause: error });
      throw error;
    }
    // The cursor is kept and the backoff stored: a retry resumes exactly where this run stopped.
    if (!result.ok) throw new Error(`sync of ${job.data.peerId} failed: ${result.error}`);
    return result;
  };
}

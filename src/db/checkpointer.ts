// Background WAL checkpoints. In WAL mode a commit appends its pages to the WAL; a checkpoint later copies them
// into the database file and fsyncs it. SQLite's automatic checkpoint runs inside the commit that crosses the
// threshold, on the writing thread: with the default threshold (1,000 pages) a sync page of 500 records (about
// 1,500 pages) checkpointed on every commit, and that copy and fsync were most of its COMMIT. A worker thread
// with its own connection checkpoints instead, off the writer's thread; the writer's autocheckpoint stays on
// with a higher threshold as the backstop should the worker fall behind or stop.
import { Worker } from "node:worker_threads";

/** The writer's own autocheckpoint threshold (pages) while a background checkpointer runs: 40 MB at 4 KiB. */
export const BACKSTOP_AUTOCHECKPOINT_PAGES = 40_000;

export interface Checkpointer {
  /** Stops the worker (asynchronously; it closes its connection and exits). */
  stop(): void;
}

export function startBackgroundCheckpoints(path: string, intervalMs = 100): Checkpointer {
  const worker = new Worker(new URL("./checkpoint-worker.mjs", import.meta.url), {
    workerData: { path, intervalMs },
  });
  // Never what keeps a process alive; a worker that fails leaves the backstop autocheckpoint in charge.
  worker.unref();
  worker.on("error", () => {});
  return { stop: () => worker.postMessage("stop") };
}

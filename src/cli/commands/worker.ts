// `catalogue worker [--concurrency N] [--queues crawl-source,…]`: runs job processors until SIGINT/SIGTERM.
// With REDIS_URL the jobs come from Redis (enqueued by `catalogue serve`, its scheduler or `catalogue trigger`)
// and any number of worker processes share them; without it the queue lives in this process, so the worker
// also runs the scheduler (the only way jobs arrive) — mostly useful for tests.
import type { Command } from "commander";
import { loadConfig } from "../../config.ts";
import { createLogger } from "../../logger.ts";
import {
  crawlTimingOf,
  createCrawlScheduler,
  createPeerSyncScheduler,
  isProcessedQueue,
  openQueue,
  type ProcessedQueue,
  processedQueues,
  startWorkers,
} from "../../runtime/index.ts";
import { createServiceContext } from "../../services/context.ts";
import { type CliIo, UsageError, type WaitForStop, waitForSignal } from "../io.ts";
import type { RegisterCommand } from "./index.ts";
import { openStore } from "./migrate.ts";
import { cliFederationSettings } from "./peer.ts";

export interface WorkerOptions {
  concurrency?: string;
  queues?: string;
}

export function parseWorkerOptions(options: WorkerOptions): {
  concurrency: number;
  queues: ProcessedQueue[];
} {
  const concurrency = Number(options.concurrency ?? "2");
  if (!Number.isInteger(concurrency) || concurrency < 1 || concurrency > 64) {
    throw new UsageError("--concurrency must be an integer from 1 to 64");
  }
  const names = options.queues
    ? options.queues
        .split(",")
        .map((q) => q.trim())
        .filter(Boolean)
    : [...processedQueues];
  const unknown = names.filter((name) => !isProcessedQueue(name));
  if (unknown.length > 0 || names.length === 0) {
    throw new UsageError(`--queues takes a comma-separated list of: ${processedQueues.join(", ")}`);
  }
  return { concurrency, queues: names as ProcessedQueue[] };
}

export async function runWorker(io: CliIo, options: WorkerOptions, waitForStop: WaitForStop = waitForSignal) {
  const { concurrency, queues } = parseWorkerOptions(options);
  const config = loadConfig(io.env);
  const logger = createLogger(config.LOG_LEVEL, io.stderr);
  const store = openStore(io);
  const ctx = createServiceContext({ db: store.handle.db, actor: "harvester", logger });
  const timing = crawlTimingOf(config);
  // Syncing needs this catalogue's identity (its id and keys): the same one `catalogue sync` uses.
  const settings = queues.includes("sync-peer") ? await cliFederationSettings(io) : null;
  const opened = openQueue(config, { logger });
  startWorkers({
    queue: opened.queue,
    ctx,
    budget: opened.budget,
    secrets: io.env,
    timing,
    queues,
    concurrency,
    ...(settings ? { federation: () => settings } : {}),
  });
  const crawl = config.REDIS_URL
    ? null
    : createCrawlScheduler({ queue: opened.queue, ctx, timing, logger, prefix: config.QUEUE_PREFIX });
  const peers =
    config.REDIS_URL || !settings
      ? null
      : createPeerSyncScheduler({
          queue: opened.queue,
          ctx,
          tickMs: timing.tickMs,
          logger,
          prefix: config.QUEUE_PREFIX,
        });
  if (config.SCHEDULER_ENABLED) {
    crawl?.scheduler.start();
    peers?.scheduler.start();
  }
  const backend = config.REDIS_URL ? "redis" : "in-process";
  logger.info({ queues, concurrency, backend, pid: process.pid }, "worker started");
  // On stdout too: scripts and the crash test wait for this line.
  io.stdout.write(`worker ready (${backend}): ${queues.join(",")} × ${concurrency}\n`);
  const signal = await waitForStop();
  logger.info({ signal }, "worker stopping");
  await Promise.all([crawl?.close(), peers?.close()]);
  // Running jobs are aborted; with Redis they go back to the queue and another worker takes them.
  await opened.close();
  store.handle.close();
}

export const registerWorker: RegisterCommand = (program: Command, io: CliIo) => {
  program
    .command("worker")
    .description("Run job processors (REDIS_URL set: jobs shared through Redis; unset: in-process)")
    .option("-c, --concurrency <n>", "jobs run at once per queue (default 2)")
    .option("--queues <names>", `comma-separated queues to process (default: ${processedQueues.join(",")})`)
    .action((options: WorkerOptions) => runWorker(io, options));
};

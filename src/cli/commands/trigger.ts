// `catalogue trigger (--source URL | --source-id ID | --publisher ID | --all)`: crawl now, through the shared
// queue. Needs REDIS_URL: with the embedded queue a job enqueued here would die with this process, so use
// POST /v1/admin/crawls on the running `catalogue serve` instead.
import type { Command } from "commander";
import { loadConfig } from "../../config.ts";
import { createLogger } from "../../logger.ts";
import {
  crawlTimingOf,
  createCrawlScheduler,
  openQueue,
  type TriggerTarget,
  triggerCrawls,
} from "../../runtime/index.ts";
import { type CliIo, ExitCode, UsageError } from "../io.ts";
import type { RegisterCommand } from "./index.ts";
import { withStore } from "./migrate.ts";

export interface TriggerOptions {
  source?: string;
  sourceId?: string;
  publisher?: string;
  all?: boolean;
}

export function toTarget(options: TriggerOptions): TriggerTarget {
  const given = [options.source, options.sourceId, options.publisher, options.all || undefined].filter(
    (v) => v !== undefined,
  );
  if (given.length !== 1)
    throw new UsageError("give exactly one of --source, --source-id, --publisher, --all");
  if (options.source !== undefined) return { sourceUrl: options.source };
  if (options.sourceId !== undefined) return { sourceId: options.sourceId };
  if (options.publisher !== undefined) return { publisherId: options.publisher };
  return { all: true };
}

export async function runTrigger(io: CliIo, options: TriggerOptions, setExitCode: (code: number) => void) {
  const target = toTarget(options);
  const config = loadConfig(io.env);
  if (!config.REDIS_URL) {
    throw new UsageError(
      "trigger needs REDIS_URL (the shared queue); with the embedded queue use POST /v1/admin/crawls on the server",
    );
  }
  const logger = createLogger(config.LOG_LEVEL, io.stderr);
  const opened = openQueue(config, { logger });
  try {
    await withStore(io, async ({ ctx }) => {
      const { scheduler } = createCrawlScheduler({
        queue: opened.queue,
        ctx,
        timing: crawlTimingOf(config),
        logger,
        prefix: config.QUEUE_PREFIX,
      });
      const result = await triggerCrawls(ctx, scheduler, target);
      for (const job of result.jobs) {
        io.stdout.write(`${job.jobId}\t${job.created ? "queued" : "already pending"}\n`);
      }
      for (const e of result.errors) io.stderr.write(`catalogue: ${e.sourceId}: ${e.error}\n`);
      if (result.errors.length > 0) setExitCode(ExitCode.failure);
    });
  } finally {
    await opened.close();
  }
}

export const registerTrigger: RegisterCommand = (program: Command, io: CliIo, setExitCode) => {
  program
    .command("trigger")
    .description("Crawl a source, a publisher's sources or every source now (needs REDIS_URL)")
    .option("--source <url>", "a code-hosting source by URL")
    .option("--source-id <id>", "a code-hosting source by id")
    .option("--publisher <id>", "every source of a publisher (id or alternativeId)")
    .option("--all", "every source")
    .action((options: TriggerOptions) => runTrigger(io, options, setExitCode));
};

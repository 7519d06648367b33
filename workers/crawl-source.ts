// The `crawl-source` job: one code-hosting source through the harvester verb, then the note of when it is due
// next. No business logic here: the verbs decide what a crawl writes; this file only translates the outcome
// into the queue's terms (done, retry later, or fail for good).
import { ForgeError, type ForgeClient } from "../src/forges/types.ts";
import { PermanentJobError } from "../src/queue/errors.ts";
import type { Job } from "../src/queue/types.ts";
import { type CrawlSummary, crawlSource, type HarvestDeps } from "../src/services/harvest/index.ts";
import { recordSourceCrawl, type ServiceContext } from "../src/services/index.ts";

/** What the scheduler and the trigger put in a crawl-source job (src/queue/scheduler.ts). */
export interface CrawlSourceJobData {
  sourceId: string;
}

export interface CrawlSourceWorkerDeps {
  ctx: ServiceContext;
  clientFor: HarvestDeps["clientFor"];
  /** When the source is due again after a crawl that ended at `now` (interval ± jitter). */
  nextCrawlAt(now: Date): Date;
}

export function createCrawlSourceProcessor(deps: CrawlSourceWorkerDeps) {
  return async (job: Job<CrawlSourceJobData>): Promise<CrawlSummary> => {
    const { ctx } = deps;
    const sourceId = job.data.sourceId;
    let forgeError: unknown = null;
    const summary = await crawlSource({
      ctx,
      input: { sourceId },
      deps: {
        clientFor: (forge) => tapErrors(deps.clientFor(forge), (error) => (forgeError = error)),
        ...(job.signal ? { signal: job.signal } : {}),
      },
    });
    // Recorded after every run, failed or not: a lost job (in-process queue, crash) leaves the source due, so
    // the scheduler's next tick enqueues it again; a finished one is not looked at until its next period.
    await recordSourceCrawl({
      ctx,
      input: { id: sourceId, error: summary.error, nextCrawlAt: deps.nextCrawlAt(ctx.clock.now()) },
    });
    if (summary.error !== null) throw toJobError(summary.error, forgeError);
    return summary;
  };
}

/**
 * The harvester keeps a crawl's failure as a message (summary.error); the forge error behind it says whether a
 * retry can help. A forge that refused for good (404, bad source URL, invalid token) is not asked again.
 */
export function toJobError(message: string, cause: unknown): Error {
  if (cause instanceof ForgeError && !cause.retry) return new PermanentJobError(message, { cause });
  return new Error(message, cause ? { cause } : undefined);
}

/** The same client, reporting every error its listing or scans throw before passing them on. */
function tapErrors(client: ForgeClient, onError: (error: unknown) => void): ForgeClient {
  const report = (error: unknown): never => {
    onError(error);
    throw error;
  };
  return {
    endpoint: client.endpoint,
    requestCount: () => client.requestCount(),
    scanRepository: (repo, options) => client.scanRepository(repo, options).catch(report),
    listSource: (url, options) => relay(client.listSource(url, options), report),
  };
}

async function* relay<T>(items: AsyncIterable<T>, report: (error: unknown) => never): AsyncIterable<T> {
  try {
    yield* items;
  } catch (error) {
    report(error);
  }
}

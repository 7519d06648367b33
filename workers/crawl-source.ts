// The `crawl-source` job: one code-hosting source through the harvester verb, then the note of when it is due
// next. No business logic here: the verbs decide what a crawl writes; this file only translates the outcome
// into the queue's terms (done, retry later, or fail for good).
import { type ForgeClient, ForgeError } from "../src/forges/types.ts";
import { PermanentJobError } from "../src/queue/errors.ts";
import type { Job } from "../src/queue/types.ts";
import { type CrawlSummary, crawlSource, type HarvestDeps } from "../src/services/harvest/index.ts";
import { DomainError, recordSourceCrawl, type ServiceContext } from "../src/services/index.ts";

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
    }).catch(async (error: unknown) => {
      // Refused before crawling (no forge registered for the source's host): noted on the source, which then
      // waits a period instead of failing at every tick. A deleted source has nothing to note.
      if (error instanceof DomainError) {
        const note = { id: sourceId, error: error.message, nextCrawlAt: deps.nextCrawlAt(ctx.clock.now()) };
        await recordSourceCrawl({ ctx, input: note }).catch(() => {});
      }
      throw error;
    });
    // Interrupted by a shutdown: the source stays due, so whoever runs the scheduler next (BullMQ retry, or the
    // in-process queue after a restart) crawls it again instead of waiting a whole period.
    if (job.signal?.aborted) throw new Error(`crawl interrupted: ${summary.error ?? "the queue is closing"}`);
    // Recorded after every run that ended, failed or not: a failing forge is asked again after its retries and
    // then one period later, not at every tick. A job lost in a crash records nothing, so its source stays due.
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

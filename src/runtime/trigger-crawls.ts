// The operator's "crawl now": one source (by id or URL), every source of a publisher, or everything. Used by
// POST /v1/admin/crawls and `catalogue trigger`. Jobs get the scheduler's deterministic ids, so a trigger for a
// source whose crawl is already pending adds nothing.
import { canonicalUrl } from "../lib/url.ts";
import type { Scheduler } from "../queue/scheduler.ts";
import type { ServiceContext } from "../services/context.ts";
import { NotFoundError } from "../services/errors.ts";
import { getPublisher } from "../services/publishers/index.ts";
import { listSources } from "../services/sources/index.ts";

export type TriggerTarget =
  | { sourceId: string }
  | { sourceUrl: string }
  | { publisherId: string }
  | { all: true };

export interface TriggerResult {
  /** Sources the target named. */
  sources: number;
  jobs: { sourceId: string; jobId: string; created: boolean }[];
  /** Sources whose enqueue failed (queue unavailable); nothing partial is hidden. */
  errors: { sourceId: string; error: string }[];
}

const everySource = 10_000;

export async function resolveSourceIds(ctx: ServiceContext, target: TriggerTarget): Promise<string[]> {
  if ("publisherId" in target) {
    const publisher = await getPublisher({ ctx, input: { id: target.publisherId } });
    const rows = await listSources({ ctx, input: { publisherId: publisher.id, limit: everySource } });
    return rows.map((row) => row.id);
  }
  const rows = await listSources({ ctx, input: { limit: everySource } });
  // "Everything" is what we harvest: a source never scheduled (no nextCrawlAt) is listed by a copy of a peer's
  // publisher and harvested by that peer; it is crawled here only when named.
  if ("all" in target) return rows.filter((row) => row.nextCrawlAt !== null).map((row) => row.id);
  const match =
    "sourceId" in target
      ? rows.find((row) => row.id === target.sourceId)
      : rows.find((row) => row.url === canonicalOrSame(target.sourceUrl));
  if (!match)
    throw new NotFoundError("code hosting source", "sourceId" in target ? target.sourceId : target.sourceUrl);
  return [match.id];
}

export async function triggerCrawls(
  ctx: ServiceContext,
  scheduler: Scheduler,
  target: TriggerTarget,
): Promise<TriggerResult> {
  const ids = await resolveSourceIds(ctx, target);
  const { scheduled, errors } = await scheduler.triggerNow(ids);
  return {
    sources: ids.length,
    jobs: scheduled.map((s) => ({ sourceId: s.id, jobId: s.jobId, created: s.created })),
    errors: errors.map((e) => ({ sourceId: e.id, error: e.error })),
  };
}

function canonicalOrSame(url: string): string {
  try {
    return canonicalUrl(url);
  } catch {
    return url;
  }
}

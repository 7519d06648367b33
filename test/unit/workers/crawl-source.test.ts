import { describe, expect, it } from "vitest";
import { ForgeError } from "../../../src/forges/types.ts";
import { PermanentJobError } from "../../../src/queue/errors.ts";
import { InProcessJobQueue } from "../../../src/queue/in-process/queue.ts";
import { NotFoundError } from "../../../src/services/errors.ts";
import { listSoftware } from "../../../src/services/software/index.ts";
import { listSources } from "../../../src/services/sources/index.ts";
import { createCrawlSourceProcessor } from "../../../workers/crawl-source.ts";
import { makePubliccode, makePublisher, uniqueSlug } from "../../support/factories.ts";
import { createTestStore } from "../../support/test-db.ts";
import { factsOf, makeSourceOnForge, scriptedClient } from "./support.ts";

const hour = 3_600_000;
const job = (sourceId: string) => ({
  id: `crawl-source:${sourceId}`,
  name: "crawl-source",
  data: { sourceId },
  attempt: 1,
});

async function setUp(script: { files?: number; error?: Error }) {
  const store = createTestStore({ actor: "harvester" });
  const { forge, source } = await makeSourceOnForge(store.ctx);
  const repos = Array.from({ length: script.files ?? 1 }, () => {
    const url = `${source.url}/${uniqueSlug("repo")}`;
    return factsOf(url, makePubliccode({ url }));
  });
  const processor = createCrawlSourceProcessor({
    ctx: store.ctx,
    clientFor: () => scriptedClient(forge, repos, script.error),
    nextCrawlAt: (now) => new Date(now.getTime() + 24 * hour),
  });
  const sourceRow = async () =>
    (await listSources({ ctx: store.ctx, input: {} })).find((row) => row.id === source.id)!;
  return { ...store, source, processor, sourceRow };
}

describe("crawl-source processor", () => {
  it("harvests the source's files and records when the source is due next", async () => {
    const t = await setUp({ files: 2 });
    const summary = await t.processor(job(t.source.id));
    expect(summary).toMatchObject({ repositories: 2, created: 2, error: null });
    expect((await listSoftware({ ctx: t.ctx, input: {} })).data).toHaveLength(2);
    const row = await t.sourceRow();
    expect(row.nextCrawlAt?.getTime()).toBe(t.clock.now().getTime() + 24 * hour);
    expect(row.lastError).toBeNull();
  });

  it("fails for good with PermanentJobError when the forge refuses the source (retry: false)", async () => {
    const t = await setUp({ error: new ForgeError("organisation not found", false, 404) });
    const failure = await t.processor(job(t.source.id)).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(PermanentJobError);
    expect((failure as Error).message).toContain("organisation not found");
    // The failure is noted on the source, and the source waits a full period instead of failing every tick.
    expect(await t.sourceRow()).toMatchObject({
      lastError: expect.stringContaining("organisation not found"),
    });
    expect((await t.sourceRow()).nextCrawlAt!.getTime()).toBeGreaterThan(t.clock.now().getTime());
  });

  it("throws a retryable error when the forge fails transiently, keeping what it had applied", async () => {
    const t = await setUp({ files: 1, error: new ForgeError("502 Bad Gateway", true, 502) });
    const failure = await t.processor(job(t.source.id)).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(Error);
    expect(failure).not.toBeInstanceOf(PermanentJobError);
    expect((await listSoftware({ ctx: t.ctx, input: {} })).data).toHaveLength(1);
  });

  it("throws a retryable error for a failure that is not the forge's (network, store)", async () => {
    const t = await setUp({ error: new TypeError("fetch failed") });
    const failure = await t.processor(job(t.source.id)).catch((e: unknown) => e);
    expect(failure).not.toBeInstanceOf(PermanentJobError);
    expect((failure as Error).message).toContain("fetch failed");
  });

  it("leaves the source due when the queue closes mid-crawl, so the next run is not a period away", async () => {
    const t = await setUp({ files: 1 });
    const dueBefore = (await t.sourceRow()).nextCrawlAt;
    const controller = new AbortController();
    controller.abort(new Error("the job queue is closing"));
    const failure = await t
      .processor({ ...job(t.source.id), signal: controller.signal })
      .catch((e: unknown) => e);
    expect(failure).not.toBeInstanceOf(PermanentJobError);
    expect((failure as Error).message).toContain("crawl interrupted");
    expect((await t.sourceRow()).nextCrawlAt).toEqual(dueBefore);
  });

  it("fails with NotFoundError (permanent) when the source was deleted after the job was queued", async () => {
    const t = await setUp({});
    await expect(t.processor(job("00000000-0000-4000-8000-000000000000"))).rejects.toBeInstanceOf(
      NotFoundError,
    );
  });

  it("fails for good and waits a period when no forge serves the source's host", async () => {
    const t = createTestStore({ actor: "harvester" });
    const publisher = await makePublisher(t.ctx, {
      codeHosting: [{ url: `https://${uniqueSlug("nowhere")}.example.org/org` }],
    });
    const source = publisher.codeHosting[0]!;
    const processor = createCrawlSourceProcessor({
      ctx: t.ctx,
      clientFor: () => {
        throw new Error("no client without a forge");
      },
      nextCrawlAt: (now) => new Date(now.getTime() + 24 * hour),
    });
    await expect(processor(job(source.id))).rejects.toBeInstanceOf(NotFoundError);
    const row = (await listSources({ ctx: t.ctx, input: {} })).find((r) => r.id === source.id)!;
    expect(row.lastError).toContain("forge");
    expect(row.nextCrawlAt?.getTime()).toBe(t.clock.now().getTime() + 24 * hour);
  });

  it("runs once on the queue for a permanent failure and leaves the job failed with its error", async () => {
    const t = await setUp({ error: new ForgeError("organisation not found", false, 404) });
    const queue = new InProcessJobQueue({ random: () => 0.5 });
    const runs: number[] = [];
    queue.process("crawl-source", async (j) => {
      runs.push(j.attempt);
      return t.processor(j as ReturnType<typeof job>);
    });
    await queue.enqueue(
      "crawl-source",
      "crawl-source",
      { sourceId: t.source.id },
      { jobId: `crawl-source:${t.source.id}`, attempts: 5 },
    );
    await expect.poll(async () => (await queue.getQueueState("crawl-source")).failed).toBe(1);
    const state = await queue.getQueueState("crawl-source");
    expect(runs).toEqual([1]);
    expect(state.failedJobs[0]).toMatchObject({
      id: `crawl-source:${t.source.id}`,
      attempts: 1,
      error: expect.stringContaining("not found"),
    });
    await queue.close();
  });
});

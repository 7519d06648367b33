import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { codeHosting } from "../../../src/db/schema/index.ts";
import type { AdminServices } from "../../../src/http/routes/admin/port.ts";
import { CrawlTriggerResultSchema, QueuesSchema } from "../../../src/http/routes/admin/schemas.ts";
import { QueueUnavailableError } from "../../../src/queue/errors.ts";
import { InProcessJobQueue } from "../../../src/queue/in-process/queue.ts";
import { PermanentJobError } from "../../../src/queue/index.ts";
import { Scheduler } from "../../../src/queue/scheduler.ts";
import { queueNames } from "../../../src/queue/types.ts";
import { createAdminServices } from "../../../src/runtime/admin-services.ts";
import { createServiceContext } from "../../../src/services/context.ts";
import { makePublisher, uniqueSlug } from "../../support/factories.ts";
import { createTestApp } from "../../support/http.ts";

function setUp() {
  // The admin port needs the app's own store, which exists once the app does: bind it right after.
  let admin: AdminServices | null = null;
  const t = createTestApp({
    admin: {
      queues: (cx) => admin!.queues(cx),
      triggerCrawls: (cx, target) => admin!.triggerCrawls(cx, target),
    },
  });
  const ctx = createServiceContext({ db: t.handle.db, actor: "test", clock: t.clock });
  const queue = new InProcessJobQueue();
  const scheduler = new Scheduler({
    queue,
    intervalMs: 3_600_000,
    jitterMs: 0,
    listDue: async () => [],
    markScheduled: async () => {},
  });
  admin = createAdminServices({ queue, scheduler, ctx });
  return { ...t, ctx, queue };
}

describe("POST /v1/admin/crawls", () => {
  it("queues one job per source of a publisher and answers 202 with the deterministic job ids", async () => {
    const t = setUp();
    const publisher = await makePublisher(t.ctx, {
      codeHosting: [
        { url: `https://github.com/${uniqueSlug("a")}` },
        { url: `https://github.com/${uniqueSlug("b")}` },
      ],
    });
    const res = await t.request("/v1/admin/crawls", {
      method: "POST",
      json: { publisherId: publisher.id },
      headers: { authorization: t.bearer(["admin"]) },
    });
    expect(res.status).toBe(202);
    const body = CrawlTriggerResultSchema.parse(await res.json());
    expect(body.sources).toBe(2);
    expect(body.jobs.map((j) => j.jobId).sort()).toEqual(
      publisher.codeHosting.map((s) => `crawl-source:${s.id}`).sort(),
    );
    expect(body.jobs.every((j) => j.created)).toBe(true);
    expect((await t.queue.getQueueState("crawl-source")).waiting).toBe(2);
  });

  it("adds nothing when the source's crawl is already pending (created: false)", async () => {
    const t = setUp();
    const publisher = await makePublisher(t.ctx);
    const source = publisher.codeHosting[0]!;
    const trigger = () =>
      t.request("/v1/admin/crawls", {
        method: "POST",
        json: { sourceUrl: source.url },
        headers: { authorization: t.bearer(["admin"]) },
      });
    await trigger();
    const again = CrawlTriggerResultSchema.parse(await (await trigger()).json());
    expect(again.jobs).toEqual([{ sourceId: source.id, jobId: `crawl-source:${source.id}`, created: false }]);
    expect((await t.queue.getQueueState("crawl-source")).waiting).toBe(1);
  });

  it("leaves out of 'all' the sources of a peer's publisher copy, which that peer harvests", async () => {
    const t = setUp();
    const own = await makePublisher(t.ctx);
    const copy = await makePublisher(t.ctx);
    // As a synced copy of a peer's publisher lists its sources: never scheduled here.
    t.handle.db
      .update(codeHosting)
      .set({ nextCrawlAt: null })
      .where(eq(codeHosting.publisherId, copy.id))
      .run();
    const res = await t.request("/v1/admin/crawls", {
      method: "POST",
      json: { all: true },
      headers: { authorization: t.bearer(["admin"]) },
    });
    const body = CrawlTriggerResultSchema.parse(await res.json());
    expect(body.jobs.map((j) => j.sourceId)).toEqual(own.codeHosting.map((s) => s.id));
  });

  it("answers 404 for an unknown publisher and 422 when the body names two targets", async () => {
    const t = setUp();
    const auth = { authorization: t.bearer(["admin"]) };
    const unknown = await t.request("/v1/admin/crawls", {
      method: "POST",
      json: { publisherId: "nobody" },
      headers: auth,
    });
    expect(unknown.status).toBe(404);
    const both = await t.request("/v1/admin/crawls", {
      method: "POST",
      json: { all: true, sourceId: "x" },
      headers: auth,
    });
    expect(both.status).toBe(422);
  });

  it("answers 403 to a token without the admin scope", async () => {
    const t = setUp();
    const res = await t.request("/v1/admin/crawls", {
      method: "POST",
      json: { all: true },
      headers: { authorization: t.bearer(["publishers:write", "software:write"]) },
    });
    expect(res.status).toBe(403);
  });
});

describe("GET /v1/admin/queues", () => {
  it("shows every queue, anonymously, with failed jobs and their errors", async () => {
    const t = setUp();
    t.queue.process("sync-peer", async () => {
      throw new PermanentJobError("peer answered 404");
    });
    await t.queue.enqueue("sync-peer", "sync-peer", {}, { jobId: "sync-peer:one" });
    await expect.poll(async () => (await t.queue.getQueueState("sync-peer")).failed).toBe(1);
    const res = await t.request("/v1/admin/queues");
    expect(res.status).toBe(200);
    const body = QueuesSchema.parse(await res.json());
    expect(body.queues.map((q) => q.name)).toEqual([...queueNames]);
    const peer = body.queues.find((q) => q.name === "sync-peer")!;
    expect(peer.failedJobs).toEqual([
      expect.objectContaining({ id: "sync-peer:one", error: "peer answered 404", attempts: 1 }),
    ]);
  });

  it("shows the earliest next scheduled crawl of the sources", async () => {
    const t = setUp();
    await makePublisher(t.ctx);
    const body = QueuesSchema.parse(await (await t.request("/v1/admin/queues")).json());
    // A new source is due at once: its next crawl is its creation time.
    expect(body.nextScheduledCrawlAt).toBe(t.clock.now().toISOString());
  });
});

describe("admin routes when the queue is unavailable", () => {
  const down: AdminServices = {
    queues: async () => {
      throw new QueueUnavailableError("job queue unavailable: Redis at 127.0.0.1:1 is not connected");
    },
    triggerCrawls: async () => {
      throw new QueueUnavailableError("job queue unavailable: Redis at 127.0.0.1:1 is not connected");
    },
  };

  it.each([
    { name: "GET queues", path: "/v1/admin/queues", method: "GET" },
    { name: "POST crawls", path: "/v1/admin/crawls", method: "POST" },
  ])("$name answers 503 problem+json with Retry-After", async ({ path, method }) => {
    const t = createTestApp({ admin: down });
    const res = await t.request(path, {
      method,
      ...(method === "POST" ? { json: { all: true }, headers: { authorization: t.bearer(["admin"]) } } : {}),
    });
    expect(res.status).toBe(503);
    expect(res.headers.get("content-type")).toBe("application/problem+json");
    expect(res.headers.get("retry-after")).toBe("30");
    expect(((await res.json()) as { detail: string }).detail).toContain("Redis");
  });

  it("answers 503 when this server runs no queue at all", async () => {
    const res = await createTestApp().request("/v1/admin/queues");
    expect(res.status).toBe(503);
  });
});

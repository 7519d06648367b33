// `catalogue serve` on the embedded default (no REDIS_URL): one process runs the API, the scheduler, the
// in-process queue and the processors, so sources are harvested with nothing else running.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadConfig } from "../../../src/config.ts";
import { QueuesSchema } from "../../../src/http/routes/admin/schemas.ts";
import { silentLogger } from "../../../src/logger.ts";
import { type RunningServer, startServer } from "../../../src/node.ts";
import { listSources } from "../../../src/services/sources/index.ts";
import {
  type HarvestWorld,
  readHarvest,
  startHarvestWorld,
  token,
  tokenEnv,
} from "./support/harvest-world.ts";

let world: HarvestWorld;
let server: RunningServer;
const day = 24 * 3_600_000;

beforeAll(async () => {
  world = await startHarvestWorld({ orgs: 2, reposPerOrg: 8, latencyMs: 0 });
  const config = loadConfig({
    DATABASE_URL: world.databaseUrl,
    PORT: "0",
    LOG_LEVEL: "silent",
    CRAWL_INTERVAL_MINUTES: "1440",
    CRAWL_JITTER: "0.1",
    SCHEDULER_TICK_SECONDS: "1",
  });
  server = await startServer({
    config,
    logger: silentLogger,
    secrets: { [tokenEnv]: token },
    verifyToken: (secret) => (secret === "operator" ? { id: "operator", scopes: ["admin"] } : null),
  });
});

afterAll(async () => {
  await server?.close();
  await world?.close();
});

const api = (path: string, init?: RequestInit) => fetch(new URL(path, server.url), init);

describe("catalogue serve without REDIS_URL", () => {
  it("harvests due sources by itself and schedules each next crawl a day ± 10% later", async () => {
    await expect
      .poll(async () => (await listSources({ ctx: world.ctx, input: {} })).every((s) => s.lastCrawledAt), {
        timeout: 30_000,
      })
      .toBe(true);
    const sources = await listSources({ ctx: world.ctx, input: {} });
    for (const source of sources) {
      expect(source.lastError).toBeNull();
      const wait = source.nextCrawlAt!.getTime() - source.lastCrawledAt!.getTime();
      expect(wait).toBeGreaterThanOrEqual(0.9 * day - 1000);
      expect(wait).toBeLessThanOrEqual(1.1 * day + 1000);
    }
    expect(readHarvest(world.handle).repositories).toHaveLength(world.world.repositories.size);
  });

  it("runs an operator's trigger at once and shows the runs in /v1/admin/queues and /metrics", async () => {
    const [sourceId] = world.sourceIds;
    const crawledAt = async () =>
      (await listSources({ ctx: world.ctx, input: {} }))
        .find((s) => s.id === sourceId)!
        .lastCrawledAt!.getTime();
    const before = await crawledAt();
    const res = await api("/v1/admin/crawls", {
      method: "POST",
      headers: { authorization: "Bearer operator", "content-type": "application/json" },
      body: JSON.stringify({ sourceId }),
    });
    expect(res.status).toBe(202);
    await expect.poll(crawledAt, { timeout: 20_000 }).toBeGreaterThan(before);
    // The re-run replaced the finished record of the same job id: two retained completed jobs, none failed.
    const queues = QueuesSchema.parse(await (await api("/v1/admin/queues")).json());
    expect(queues.queues.find((q) => q.name === "crawl-source")).toMatchObject({
      completed: 2,
      failed: 0,
      active: 0,
    });
    expect(Date.parse(queues.nextScheduledCrawlAt!)).toBeGreaterThan(Date.now());
    const metrics = await (await api("/metrics")).text();
    expect(metrics).toContain('catalogue_job_runs_total{queue="crawl-source",outcome="completed"} 3');
    expect(metrics).toContain('catalogue_queue_jobs{queue="crawl-source",state="failed"} 0');
    expect(metrics).toMatch(
      /catalogue_forge_budget_remaining\{host="127\.0\.0\.1:\d+",key="127\.0\.0\.1:\d+#0"\} \d+/,
    );
  });
});

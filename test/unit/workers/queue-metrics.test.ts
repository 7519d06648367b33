import { describe, expect, it } from "vitest";
import { createPrometheusRegistry } from "../../../src/http/metrics/registry.ts";
import { fixedClock } from "../../../src/lib/clock.ts";
import { QueueUnavailableError } from "../../../src/queue/errors.ts";
import { MemoryHostBudget } from "../../../src/queue/host-budget/memory.ts";
import { InProcessJobQueue } from "../../../src/queue/in-process/queue.ts";
import type { JobQueue } from "../../../src/queue/types.ts";
import { QueueMetrics, withQueueMetrics } from "../../../src/runtime/queue-metrics.ts";
import { createTestApp } from "../../support/http.ts";

const clock = fixedClock("2026-03-01T10:00:00Z");

describe("queue metrics", () => {
  it("counts job runs by outcome and observes their durations", () => {
    const metrics = new QueueMetrics({
      queue: new InProcessJobQueue(),
      budget: new MemoryHostBudget(),
      clock,
    });
    const run = { queue: "crawl-source" as const, name: "crawl-source", jobId: "crawl-source:a", attempt: 1 };
    metrics.onJobFinished({ ...run, durationMs: 2_000, outcome: "completed" });
    metrics.onJobFinished({ ...run, durationMs: 40_000, outcome: "retried", error: "502" });
    metrics.onJobFinished({ ...run, durationMs: 400, outcome: "completed" });
    const text = metrics.render();
    expect(text).toContain('catalogue_job_runs_total{queue="crawl-source",outcome="completed"} 2');
    expect(text).toContain('catalogue_job_runs_total{queue="crawl-source",outcome="retried"} 1');
    expect(text).toContain('catalogue_job_duration_seconds_bucket{queue="crawl-source",le="0.5"} 1');
    expect(text).toContain('catalogue_job_duration_seconds_bucket{queue="crawl-source",le="5"} 2');
    expect(text).toContain('catalogue_job_duration_seconds_count{queue="crawl-source"} 3');
    expect(text).toContain('catalogue_job_duration_seconds_sum{queue="crawl-source"} 42.4');
  });

  it("reports queue depth per state and the remaining budget per forge host after a refresh", async () => {
    const queue = new InProcessJobQueue();
    await queue.enqueue("crawl-source", "crawl-source", { sourceId: "a" }, { jobId: "crawl-source:a" });
    await queue.enqueue("crawl-source", "crawl-source", { sourceId: "b" }, { jobId: "crawl-source:b" });
    const budget = new MemoryHostBudget({ clock });
    await budget.record("api.github.com#0", {
      remaining: 4321,
      limit: 5000,
      resetAt: new Date("2026-03-01T11:00:00Z"),
    });
    await budget.pause("gitlab.com#0", new Date("2026-03-01T10:05:00Z"), "429");
    const metrics = new QueueMetrics({ queue, budget, clock });
    await metrics.refresh();
    const text = metrics.render();
    expect(text).toContain('catalogue_queue_up{queue="crawl-source"} 1');
    expect(text).toContain('catalogue_queue_jobs{queue="crawl-source",state="waiting"} 2');
    expect(text).toContain('catalogue_queue_jobs{queue="sync-peer",state="waiting"} 0');
    expect(text).toContain(
      'catalogue_forge_budget_remaining{host="api.github.com",key="api.github.com#0"} 4321',
    );
    expect(text).toContain('catalogue_forge_budget_paused{host="gitlab.com",key="gitlab.com#0"} 1');
    expect(text).toContain('catalogue_forge_budget_paused{host="api.github.com",key="api.github.com#0"} 0');
    await queue.close();
  });

  it("shows an unreachable queue as down instead of as empty", async () => {
    const down = {
      getQueueState: async () => {
        throw new QueueUnavailableError("job queue unavailable");
      },
    } as unknown as JobQueue;
    const metrics = new QueueMetrics({ queue: down, budget: new MemoryHostBudget(), clock });
    await metrics.refresh();
    const text = metrics.render();
    expect(text).toContain('catalogue_queue_up{queue="crawl-source"} 0');
    expect(text).not.toContain('catalogue_queue_jobs{queue="crawl-source"');
  });

  it("adds the queue series to GET /metrics next to the request series", async () => {
    const queue = new InProcessJobQueue();
    await queue.enqueue("crawl-source", "crawl-source", { sourceId: "a" }, { jobId: "crawl-source:a" });
    const metrics = new QueueMetrics({ queue, budget: new MemoryHostBudget(), clock });
    const t = createTestApp({ metrics: withQueueMetrics(createPrometheusRegistry(), metrics) });
    await t.request("/v1/status");
    const text = await (await t.request("/metrics")).text();
    expect(text).toContain('http_requests_total{method="GET",route="/v1/status",status="204"} 1');
    expect(text).toContain('catalogue_queue_jobs{queue="crawl-source",state="waiting"} 1');
    await queue.close();
  });
});

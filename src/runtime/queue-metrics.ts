// Queue and forge-budget series for GET /metrics: job runs by outcome and their durations (from the queue's
// JobObserver, so the runs this process made), queue depths by state and the remaining budget per forge host
// (sampled from the queue and the host budget right before each scrape, so every process that serves /metrics
// sees the shared Redis state).

import type { HostBudget, HostBudgetState } from "../forges/host-budget.ts";
import type { MetricsRegistry } from "../http/metrics/registry.ts";
import { type Clock, systemClock } from "../lib/clock.ts";
import {
  type JobFinishedEvent,
  type JobObserver,
  type JobQueue,
  type QueueName,
  type QueueState,
  queueNames,
} from "../queue/types.ts";

const durationBuckets = [0.1, 0.5, 1, 5, 15, 60, 300, 900, 3600];
const depthStates = ["waiting", "active", "delayed", "completed", "failed"] as const;

interface Histogram {
  counts: number[];
  sum: number;
  count: number;
}

export interface QueueMetricsOptions {
  /** Read at scrape time; the queue itself reports runs through onJobFinished (its observer). */
  queue: Pick<JobQueue, "getQueueState">;
  budget: HostBudget;
  queues?: readonly QueueName[];
  clock?: Clock;
}

export class QueueMetrics implements JobObserver {
  readonly #runs = new Map<string, number>();
  readonly #durations = new Map<QueueName, Histogram>();
  #depths = new Map<QueueName, QueueState | null>();
  #budgets: HostBudgetState[] = [];
  #budgetUp = true;

  constructor(private readonly options: QueueMetricsOptions) {}

  onJobFinished(event: JobFinishedEvent): void {
    const key = `${event.queue}\u0000${event.outcome}`;
    this.#runs.set(key, (this.#runs.get(key) ?? 0) + 1);
    const h = this.#durations.get(event.queue) ?? { counts: durationBuckets.map(() => 0), sum: 0, count: 0 };
    const seconds = event.durationMs / 1000;
    durationBuckets.forEach((bound, i) => {
      if (seconds <= bound) h.counts[i]! += 1;
    });
    h.sum += seconds;
    h.count += 1;
    this.#durations.set(event.queue, h);
  }

  /** Reads depths and budgets; a queue or budget that cannot be read is shown as down, never as zero. */
  async refresh(): Promise<void> {
    const names = this.options.queues ?? queueNames;
    const depths = new Map<QueueName, QueueState | null>();
    await Promise.all(
      names.map(async (name) => {
        depths.set(name, await this.options.queue.getQueueState(name).catch(() => null));
      }),
    );
    this.#depths = depths;
    try {
      this.#budgets = await this.options.budget.snapshot();
      this.#budgetUp = true;
    } catch {
      this.#budgetUp = false;
    }
  }

  render(): string {
    const lines: string[] = [];
    const family = (name: string, type: string, help: string) =>
      lines.push(`# HELP ${name} ${help}`, `# TYPE ${name} ${type}`);
    family(
      "catalogue_queue_up",
      "gauge",
      "1 when the job queue answered the last scrape, 0 when it did not.",
    );
    for (const [queue, state] of this.#depths)
      lines.push(`catalogue_queue_up{queue="${queue}"} ${state ? 1 : 0}`);
    family(
      "catalogue_queue_jobs",
      "gauge",
      "Jobs per queue and state (completed and failed: those retained).",
    );
    for (const [queue, state] of this.#depths) {
      if (!state) continue;
      for (const s of depthStates)
        lines.push(`catalogue_queue_jobs{queue="${queue}",state="${s}"} ${state[s]}`);
    }
    family("catalogue_job_runs_total", "counter", "Job runs finished by this process, by queue and outcome.");
    for (const [key, value] of this.#runs) {
      const [queue, outcome] = key.split("\u0000");
      lines.push(`catalogue_job_runs_total{queue="${queue}",outcome="${outcome}"} ${value}`);
    }
    family(
      "catalogue_job_duration_seconds",
      "histogram",
      "Duration of the job runs of this process, by queue.",
    );
    for (const [queue, h] of this.#durations) {
      durationBuckets.forEach((bound, i) => {
        lines.push(`catalogue_job_duration_seconds_bucket{queue="${queue}",le="${bound}"} ${h.counts[i]}`);
      });
      lines.push(`catalogue_job_duration_seconds_bucket{queue="${queue}",le="+Inf"} ${h.count}`);
      lines.push(`catalogue_job_duration_seconds_sum{queue="${queue}"} ${h.sum}`);
      lines.push(`catalogue_job_duration_seconds_count{queue="${queue}"} ${h.count}`);
    }
    this.#renderBudgets(family, lines);
    return `${lines.join("\n")}\n`;
  }

  #renderBudgets(family: (name: string, type: string, help: string) => void, lines: string[]): void {
    family("catalogue_forge_budget_up", "gauge", "1 when the host budget answered the last scrape.");
    lines.push(`catalogue_forge_budget_up ${this.#budgetUp ? 1 : 0}`);
    family(
      "catalogue_forge_budget_remaining",
      "gauge",
      "Requests left in the current window, per forge host and key.",
    );
    family(
      "catalogue_forge_budget_paused",
      "gauge",
      "1 while requests under the key wait out a pause (429, Retry-After).",
    );
    const now = (this.options.clock ?? systemClock).now().getTime();
    for (const state of this.#budgets) {
      // Keys are `host#token-index`: the host is the label dashboards group by.
      const labels = `host="${escapeLabel(state.key.split("#")[0] ?? state.key)}",key="${escapeLabel(state.key)}"`;
      if (state.remaining !== null)
        lines.push(`catalogue_forge_budget_remaining{${labels}} ${state.remaining}`);
      const paused = state.pausedUntil !== null && state.pausedUntil.getTime() > now ? 1 : 0;
      lines.push(`catalogue_forge_budget_paused{${labels}} ${paused}`);
    }
  }
}

function escapeLabel(value: string): string {
  return value.replace(/\\/g, "\\\\").replace(/"/g, '\\"').replace(/\n/g, "\\n");
}

/** The app's registry plus these series: refreshed before each scrape, appended to the request series. */
export function withQueueMetrics(base: MetricsRegistry, metrics: QueueMetrics): MetricsRegistry {
  return {
    observeRequest: (observation) => base.observeRequest(observation),
    refresh: async () => {
      await base.refresh?.();
      await metrics.refresh();
    },
    render: () => {
      const text = base.render();
      return text === null ? null : text + metrics.render();
    },
  };
}

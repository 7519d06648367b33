// A tiny Prometheus registry for the two series the API needs (request count, duration histogram).
// prom-client would bring default process metrics and a global registry we'd have to reset in tests;
// this is ~80 lines, per-app (no module-level state) and renders the text exposition format:
// https://prometheus.io/docs/instrumenting/exposition_formats/
export interface RequestObservation {
  method: string;
  route: string;
  status: number;
  durationSeconds: number;
}

export interface MetricsRegistry {
  observeRequest(observation: RequestObservation): void;
  /** Prometheus text format, or null when metrics are disabled. */
  render(): string | null;
  /** Samples async sources (queue depths, forge budgets) right before render(); see src/runtime/queue-metrics.ts. */
  refresh?(): Promise<void>;
}

const defaultBuckets = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5];

interface HistogramCell {
  counts: number[];
  sum: number;
  count: number;
}

function escapeLabel(value: string): string {
  return value.replace(/\\/g, "\\\\").replace(/"/g, '\\"').replace(/\n/g, "\\n");
}

function formatLabels(labels: Record<string, string>): string {
  return Object.entries(labels)
    .map(([k, v]) => `${k}="${escapeLabel(v)}"`)
    .join(",");
}

export function createPrometheusRegistry(buckets: number[] = defaultBuckets): MetricsRegistry {
  const requests = new Map<string, { labels: Record<string, string>; value: number }>();
  const durations = new Map<string, { labels: Record<string, string>; cell: HistogramCell }>();

  return {
    observeRequest({ method, route, status, durationSeconds }) {
      const counterLabels = { method, route, status: String(status) };
      const counterKey = formatLabels(counterLabels);
      const counter = requests.get(counterKey) ?? { labels: counterLabels, value: 0 };
      counter.value += 1;
      requests.set(counterKey, counter);

      const histogramLabels = { method, route };
      const histogramKey = formatLabels(histogramLabels);
      const entry = durations.get(histogramKey) ?? {
        labels: histogramLabels,
        cell: { counts: buckets.map(() => 0), sum: 0, count: 0 },
      };
      buckets.forEach((bound, i) => {
        if (durationSeconds <= bound) entry.cell.counts[i]! += 1;
      });
      entry.cell.sum += durationSeconds;
      entry.cell.count += 1;
      durations.set(histogramKey, entry);
    },
    render() {
      const lines = [
        "# HELP http_requests_total HTTP requests answered, by route template, method and status.",
        "# TYPE http_requests_total counter",
      ];
      for (const { labels, value } of requests.values()) {
        lines.push(`http_requests_total{${formatLabels(labels)}} ${value}`);
      }
      lines.push(
        "# HELP http_request_duration_seconds Time from request to response, by route template and method.",
        "# TYPE http_request_duration_seconds histogram",
      );
      for (const { labels, cell } of durations.values()) {
        const base = formatLabels(labels);
        buckets.forEach((bound, i) => {
          lines.push(`http_request_duration_seconds_bucket{${base},le="${bound}"} ${cell.counts[i]}`);
        });
        lines.push(`http_request_duration_seconds_bucket{${base},le="+Inf"} ${cell.count}`);
        lines.push(`http_request_duration_seconds_sum{${base}} ${cell.sum}`);
        lines.push(`http_request_duration_seconds_count{${base}} ${cell.count}`);
      }
      return `${lines.join("\n")}\n`;
    },
  };
}

export const noopMetrics: MetricsRegistry = {
  observeRequest() {},
  render: () => null,
};

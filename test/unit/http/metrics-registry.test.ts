import { describe, expect, it } from "vitest";
import { createPrometheusRegistry, noopMetrics } from "../../../src/http/metrics/registry.ts";

describe("Prometheus registry", () => {
  it("renders cumulative histogram buckets with sum and count", () => {
    const registry = createPrometheusRegistry([0.01, 0.1]);
    for (const durationSeconds of [0.005, 0.05, 0.5]) {
      registry.observeRequest({ method: "GET", route: "/v1/x", status: 200, durationSeconds });
    }
    const text = registry.render()!;
    expect(text).toContain('http_request_duration_seconds_bucket{method="GET",route="/v1/x",le="0.01"} 1');
    expect(text).toContain('http_request_duration_seconds_bucket{method="GET",route="/v1/x",le="0.1"} 2');
    expect(text).toContain('http_request_duration_seconds_bucket{method="GET",route="/v1/x",le="+Inf"} 3');
    expect(text).toContain('http_request_duration_seconds_sum{method="GET",route="/v1/x"} 0.555');
    expect(text).toContain('http_requests_total{method="GET",route="/v1/x",status="200"} 3');
  });

  it("escapes quotes, backslashes and newlines in label values", () => {
    const registry = createPrometheusRegistry();
    registry.observeRequest({ method: "GET", route: 'a"b\\c\nd', status: 404, durationSeconds: 0 });
    expect(registry.render()).toContain('route="a\\"b\\\\c\\nd"');
  });

  it("keeps registries apart, so two apps never share counts", () => {
    const a = createPrometheusRegistry();
    const b = createPrometheusRegistry();
    a.observeRequest({ method: "GET", route: "/", status: 200, durationSeconds: 0 });
    expect(b.render()).not.toContain("http_requests_total{");
  });

  it("renders nothing when metrics are off", () => {
    expect(noopMetrics.render()).toBeNull();
  });
});

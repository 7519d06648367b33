import { describe, expect, it } from "vitest";
import { parseWorkerOptions } from "../../../src/cli/commands/worker.ts";
import { runCli } from "../../support/cli.ts";

describe("catalogue worker options", () => {
  it("defaults to every processed queue with two jobs at once", () => {
    expect(parseWorkerOptions({})).toEqual({ concurrency: 2, queues: ["crawl-source", "sync-peer"] });
  });

  it.each([
    { name: "a zero concurrency", args: ["--concurrency", "0"] },
    { name: "a fractional concurrency", args: ["--concurrency", "1.5"] },
    { name: "an unknown queue", args: ["--queues", "crawl-source,mine-bitcoin"] },
    { name: "a queue without a processor yet", args: ["--queues", "deliver-webhook"] },
  ])("refuses $name as a usage error (exit 2)", async ({ args }) => {
    const run = await runCli(["worker", ...args]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/--(concurrency|queues)/);
  });
});

describe("catalogue trigger", () => {
  it("refuses to run without REDIS_URL and points to the API (exit 2)", async () => {
    const run = await runCli(["trigger", "--all"]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("POST /v1/admin/crawls");
  });

  it("needs exactly one target (exit 2)", async () => {
    const run = await runCli(["trigger", "--all", "--publisher", "x"], {
      env: { LOG_LEVEL: "silent", DATABASE_URL: ":memory:", REDIS_URL: "redis://127.0.0.1:6379" },
    });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("exactly one");
  });
});

import { Writable } from "node:stream";
import { describe, expect, it } from "vitest";
import { createLogger } from "../../../src/logger.ts";
import { combineJobObservers, createLoggingJobObserver } from "../../../src/queue/observers.ts";
import type { JobFinishedEvent } from "../../../src/queue/types.ts";

const event: JobFinishedEvent = {
  queue: "crawl-source",
  name: "crawl",
  jobId: "crawl-source:1",
  attempt: 2,
  durationMs: 15,
  outcome: "failed",
  error: "HTTP 404",
};

describe("job observers", () => {
  it("logs one structured line per finished job, at warn level for a failure", () => {
    const lines: string[] = [];
    const sink = new Writable({
      write(chunk, _encoding, done) {
        lines.push(String(chunk));
        done();
      },
    });
    createLoggingJobObserver(createLogger("info", sink)).onJobFinished(event);
    expect(lines).toHaveLength(1);
    expect(JSON.parse(lines[0]!)).toMatchObject({
      level: 40,
      jobId: "crawl-source:1",
      outcome: "failed",
      durationMs: 15,
    });
  });

  it("passes each event to every combined observer, even after one of them throws", () => {
    const seen: string[] = [];
    const combined = combineJobObservers(
      {
        onJobFinished: () => {
          throw new Error("broken");
        },
      },
      { onJobFinished: (e) => seen.push(e.jobId) },
    );
    combined.onJobFinished(event);
    expect(seen).toEqual(["crawl-source:1"]);
  });
});

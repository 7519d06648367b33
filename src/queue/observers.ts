// Job observers: the metrics hook (one event per run) plus two small helpers, a logger that writes one
// structured line per run and a combiner, so /metrics and the logs can both listen.
import type { Logger } from "../logger.ts";
import type { JobFinishedEvent, JobObserver } from "./types.ts";

/** Calls the observer; a broken metrics hook must never change what happens to the job. */
export function notifyObserver(observer: JobObserver, event: JobFinishedEvent): void {
  try {
    observer.onJobFinished(event);
  } catch {
    // Swallowed on purpose (see above); the observer owns its own error reporting.
  }
}

export function createLoggingJobObserver(logger: Logger): JobObserver {
  return {
    onJobFinished(event) {
      const level = event.outcome === "failed" ? "warn" : "info";
      logger[level](event, `job ${event.outcome}`);
    },
  };
}

export function combineJobObservers(...observers: JobObserver[]): JobObserver {
  return {
    onJobFinished(event) {
      for (const observer of observers) notifyObserver(observer, event);
    },
  };
}

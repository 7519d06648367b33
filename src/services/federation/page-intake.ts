// A sync run's intake: a peer's pages fetched, parsed and signature-checked in feed order, ahead of the writer
// that applies them. Applying a page holds the writing thread for one long synchronous transaction, so intake
// work left on that thread (reading the body, JSON, schema checks, canonical JSON for the signatures) waits for
// it and then delays the next apply. A bootstrap therefore reads its pages on a worker thread
// (page-intake-worker.mjs), which keeps fetching and checking while the writer writes, and hands each checked
// page over as one JSON string. The in-thread intake serves short runs (a worker costs its start-up) and
// callers that inject their own fetch (a function cannot cross to a worker). Both run the same code below.
import { Worker } from "node:worker_threads";
import type { PublicJwk } from "../../../schemas/federation/descriptor.ts";
import { buildCatalogueJwks } from "../../federation/keys.ts";
import { createOriginKeyResolver } from "../../federation/peer-descriptor.ts";
import type { VerifyRecordDeps } from "../../federation/verify.ts";
import type { Clock } from "../../lib/clock.ts";
import { createPageReader, type FeedPosition, type ReadPage } from "./page-reader.ts";
import { fetchPeerPage, type PeerFetch, PeerPageError } from "./peer-http.ts";
import { type CheckedPage, checkPage } from "./sync-page.ts";

/** Everything the intake needs, plain data so that it can be handed to a worker thread. */
export interface IntakeOptions {
  baseUrl: string;
  from: FeedPosition;
  /** Records per page asked from the peer (≤ 500). */
  pageSize: number;
  maxPages: number;
  allowPrivateNetwork: boolean;
  /** Registered peers, id → base URL: where origins' keys are looked up (peer-descriptor.ts). */
  knownPeers: [string, string][];
  /** This catalogue: our own records coming back through a peer verify against our keys (then drop). */
  self: { catalogueId: string; publicKeys: PublicJwk[] };
}

export interface IntakePage extends Pick<ReadPage<CheckedPage>, "next" | "more"> {
  bytes: number;
  checked: CheckedPage;
}

export interface PageIntake {
  /** The next checked page in feed order, or null once maxPages pages were taken. */
  take(): Promise<IntakePage> | null;
  close(): void;
}

function originKeys(options: IntakeOptions, deps: { fetch?: PeerFetch; clock: Clock }): VerifyRecordDeps {
  const resolver = createOriginKeyResolver({
    knownPeers: new Map(options.knownPeers),
    clock: deps.clock,
    allowPrivateNetwork: options.allowPrivateNetwork,
    ...(deps.fetch ? { fetch: deps.fetch } : {}),
  });
  const own = Promise.resolve(buildCatalogueJwks(options.self.publicKeys));
  return {
    resolveOriginKeys: (id) => (id === options.self.catalogueId ? own : resolver.resolveOriginKeys(id)),
  };
}

export function readPagesInThread(
  options: IntakeOptions,
  deps: { fetch?: PeerFetch; clock: Clock },
): PageIntake {
  const keys = originKeys(options, deps);
  const reader = createPageReader(options.from, {
    fetch: (at) =>
      fetchPeerPage({
        baseUrl: options.baseUrl,
        kind: at.phase,
        cursor: at.cursor,
        limit: options.pageSize,
        allowPrivateNetwork: options.allowPrivateNetwork,
        ...(deps.fetch ? { fetch: deps.fetch } : {}),
      }),
    check: (page) => checkPage(page.records, keys),
    maxPages: options.maxPages,
    // Four pages (a few MB) in reserve ride out the moments the peer or this reader is slower than the writer
    // (a 100,000-record bootstrap: about 2 s faster than with two, in paired runs).
    ahead: 4,
  });
  return {
    take() {
      const read = reader.take();
      if (read === null) return null;
      return read.then(async ({ page, next, more, checked }) => ({
        bytes: page.bytes,
        next,
        more,
        checked: await checked,
      }));
    },
    close() {},
  };
}

/** What the worker posts for each page asked of it (page-intake-worker.mjs). */
export type IntakeMessage =
  | { type: "page"; bytes: number; next: IntakePage["next"]; more: boolean; checked: string }
  | { type: "end" }
  | { type: "error"; name: string; message: string; cursorExpired: boolean };

export function readPagesInWorker(options: IntakeOptions): PageIntake {
  const worker = new Worker(new URL("./page-intake-worker.mjs", import.meta.url), { workerData: options });
  // One page is asked at a time and answered in order; the worker reads ahead on its own.
  let waiting: { resolve(page: IntakePage): void; reject(error: Error): void } | null = null;
  let failure: Error | null = null;
  let taken = 0;
  const fail = (error: Error) => {
    failure ??= error;
    waiting?.reject(failure);
    waiting = null;
  };
  worker.on("message", (message: IntakeMessage) => {
    if (message.type === "page") {
      const { type: _type, checked, ...rest } = message;
      waiting?.resolve({ ...rest, checked: JSON.parse(checked) as CheckedPage });
      waiting = null;
    } else if (message.type === "error") {
      fail(
        message.name === "PeerPageError"
          ? new PeerPageError(message.message, message.cursorExpired)
          : new Error(message.message),
      );
    } else fail(new PeerPageError("the page reader ran out of pages before the feed ended"));
  });
  worker.on("error", (error) => fail(new PeerPageError(`page reader failed: ${error.message}`)));
  worker.on("exit", () => fail(new PeerPageError("page reader stopped")));
  return {
    take() {
      if (taken >= options.maxPages) return null;
      taken += 1;
      if (failure) return Promise.reject(failure);
      return new Promise<IntakePage>((resolve, reject) => {
        waiting = { resolve, reject };
        worker.postMessage("take");
      });
    },
    close() {
      worker.removeAllListeners("exit");
      void worker.terminate();
    },
  };
}

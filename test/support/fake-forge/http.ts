// The HTTP core shared by the fake GitHub and GitLab forges: a real node:http server on 127.0.0.1:0 that hands
// each request to a forge-specific handler, counts requests per kind, and injects faults (latency, scripted
// answers such as 429/403/RATE_LIMITED, 5xx every Nth request or at a seeded-random rate) before the handler
// runs. Forge-specific shapes (rate-limit headers, error bodies) live with each forge; this file knows none.
import { createServer, type IncomingMessage } from "node:http";
import type { AddressInfo } from "node:net";
import { setTimeout as sleep } from "node:timers/promises";

export interface FakeRequest {
  method: string;
  url: URL;
  headers: IncomingMessage["headers"];
  body: Buffer;
  /** The endpoint kind the forge's `classify` gave this request (e.g. "graphql", "rest:contents"). */
  kind: string;
}

export interface FakeResponse {
  status: number;
  headers?: Record<string, string>;
  /** A string or bytes are sent as they are; anything else is sent as JSON. */
  body?: unknown;
}

export type FakeHandler = (req: FakeRequest) => FakeResponse | Promise<FakeResponse>;

/** One injected fault. It applies to requests whose kind matches (all when `kind` is unset). */
export interface FaultRule {
  kind?: string | ((req: FakeRequest) => boolean);
  /** Fire on every Nth matching request (1 = every one). */
  every?: number;
  /** Fire with this probability (0..1), drawn from the server's seeded PRNG. */
  rate?: number;
  /** Stop after firing this many times (unlimited when unset). With neither `every` nor `rate`, fires on each match. */
  times?: number;
  respond: FakeResponse | ((req: FakeRequest) => FakeResponse);
}

export interface FaultOptions {
  /** Delay before every answer, in ms (slow forge). */
  latencyMs?: number;
  /** Seed of the PRNG used by `rate` rules, so a flaky run is reproducible. */
  seed?: number;
  rules?: FaultRule[];
}

export interface RequestCounts {
  total: number;
  /** Requests per kind, including those answered by an injected fault. */
  byKind: Record<string, number>;
  /** Requests answered by an injected fault, per kind. */
  faulted: Record<string, number>;
}

export interface FakeHttpServer {
  url: string;
  counts: RequestCounts;
  setFaults(faults: FaultOptions): void;
  resetCounts(): void;
  close(): Promise<void>;
}

export interface StartFakeHttpServerOptions {
  faults?: FaultOptions;
  /** Names the endpoint kind of a request for counting and fault matching; "other" when unset. */
  classify?: (method: string, url: URL) => string;
}

/** Mulberry32: a tiny seeded PRNG, enough for reproducible fault injection and synthetic worlds. */
export function createPrng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

export async function startFakeHttpServer(
  handler: FakeHandler,
  options: StartFakeHttpServerOptions = {},
): Promise<FakeHttpServer> {
  const counts: RequestCounts = { total: 0, byKind: {}, faulted: {} };
  const injector = createFaultInjector(options.faults ?? {});
  let inject = injector;

  const server = createServer((incoming, outgoing) => {
    const chunks: Buffer[] = [];
    incoming.on("data", (c: Buffer) => chunks.push(c));
    incoming.on("end", async () => {
      const method = incoming.method ?? "GET";
      const url = new URL(incoming.url ?? "/", "http://127.0.0.1");
      const kind = options.classify?.(method, url) ?? "other";
      const req: FakeRequest = { method, url, headers: incoming.headers, body: Buffer.concat(chunks), kind };
      counts.total++;
      counts.byKind[kind] = (counts.byKind[kind] ?? 0) + 1;
      let res: FakeResponse;
      try {
        if (inject.latencyMs > 0) await sleep(inject.latencyMs);
        const faulted = inject.pick(req);
        if (faulted) counts.faulted[kind] = (counts.faulted[kind] ?? 0) + 1;
        res = faulted ?? (await handler(req));
      } catch (error) {
        // A bug in the fake must be loud in the test, not look like a forge outage the client retries through.
        res = { status: 500, body: { message: `fake forge handler failed: ${String(error)}` } };
        console.error(error);
      }
      writeResponse(outgoing, res);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    counts,
    setFaults(faults) {
      inject = createFaultInjector(faults);
    },
    resetCounts() {
      counts.total = 0;
      counts.byKind = {};
      counts.faulted = {};
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        // Idle keep-alive sockets would hold close() open for seconds.
        server.closeAllConnections();
        server.close((err) => (err ? reject(err) : resolve()));
      }),
  };
}

function writeResponse(outgoing: import("node:http").ServerResponse, res: FakeResponse): void {
  const headers: Record<string, string> = { ...res.headers };
  let payload: string | Uint8Array | undefined;
  if (res.body === undefined || res.status === 304 || res.status === 204) payload = undefined;
  else if (typeof res.body === "string" || res.body instanceof Uint8Array) payload = res.body;
  else {
    payload = JSON.stringify(res.body);
    headers["content-type"] ??= "application/json; charset=utf-8";
  }
  outgoing.writeHead(res.status, headers);
  outgoing.end(payload);
}

function createFaultInjector(faults: FaultOptions) {
  const random = createPrng(faults.seed ?? 1);
  const rules = (faults.rules ?? []).map((rule) => ({ rule, seen: 0, fired: 0 }));
  return {
    latencyMs: faults.latencyMs ?? 0,
    pick(req: FakeRequest): FakeResponse | null {
      for (const state of rules) {
        const { rule } = state;
        if (!matchesKind(rule.kind, req)) continue;
        if (rule.times !== undefined && state.fired >= rule.times) continue;
        state.seen++;
        const fire =
          rule.every !== undefined
            ? state.seen % rule.every === 0
            : rule.rate !== undefined
              ? random() < rule.rate
              : true;
        if (!fire) continue;
        state.fired++;
        return typeof rule.respond === "function" ? rule.respond(req) : rule.respond;
      }
      return null;
    },
  };
}

function matchesKind(kind: FaultRule["kind"], req: FakeRequest): boolean {
  if (kind === undefined) return true;
  return typeof kind === "function" ? kind(req) : kind === req.kind;
}

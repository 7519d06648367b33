// Redis for tests. The shared server on 127.0.0.1:6379 serves every suite, so each test namespaces its keys
// (uniquePrefix) and deletes them afterwards; tests that need an outage start their own redis-server on a free
// port (startRedisServer) and stop only that one, never the shared server.
import { type ChildProcess, spawn } from "node:child_process";
import { randomUUID } from "node:crypto";
import { createServer } from "node:net";
import { Redis } from "ioredis";

export const sharedRedisUrl = "redis://127.0.0.1:6379";

/** A client of the shared Redis; fails with instructions when it is not running. */
export async function connectSharedRedis(): Promise<Redis> {
  const redis = new Redis(sharedRedisUrl, {
    lazyConnect: true,
    maxRetriesPerRequest: 1,
    retryStrategy: () => null,
  });
  try {
    await redis.connect();
  } catch (error) {
    redis.disconnect();
    throw new Error(
      `tests need Redis on ${sharedRedisUrl}; start it with: ` +
        `redis-server --daemonize yes --bind 127.0.0.1 --port 6379 --save "" --appendonly no (${String(error)})`,
    );
  }
  return redis;
}

export function uniquePrefix(label = "test"): string {
  return `${label}-${randomUUID()}`;
}

/** Deletes every key under `prefix` (and nothing else). */
export async function deleteKeys(redis: Redis, prefix: string): Promise<void> {
  let cursor = "0";
  do {
    const [next, keys] = await redis.scan(cursor, "MATCH", `${prefix}*`, "COUNT", 500);
    if (keys.length > 0) await redis.del(...keys);
    cursor = next;
  } while (cursor !== "0");
}

export interface OwnRedisServer {
  port: number;
  url: string;
  /** Stops the server (SIGTERM) and waits for it to exit. */
  stop(): Promise<void>;
  /** Starts it again on the same port. */
  start(): Promise<void>;
}

/** Starts a private, memory-only redis-server on a free 127.0.0.1 port. */
export async function startRedisServer(): Promise<OwnRedisServer> {
  const port = await findFreePort();
  let child: ChildProcess | null = null;
  const server: OwnRedisServer = {
    port,
    url: `redis://127.0.0.1:${port}`,
    async start() {
      const args = ["--bind", "127.0.0.1", "--port", String(port), "--save", "", "--appendonly", "no"];
      child = spawn("redis-server", args, { stdio: "ignore" });
      await waitUntilReachable(port);
    },
    async stop() {
      const running = child;
      child = null;
      if (!running || running.exitCode !== null) return;
      const exited = new Promise((resolve) => running.once("exit", resolve));
      running.kill("SIGTERM");
      await exited;
    },
  };
  await server.start();
  return server;
}

async function waitUntilReachable(port: number): Promise<void> {
  for (let attempt = 0; attempt < 100; attempt++) {
    const probe = new Redis({ port, host: "127.0.0.1", lazyConnect: true, retryStrategy: () => null });
    // Refused connections are expected while the server boots; connect() reports them.
    probe.on("error", () => {});
    try {
      await probe.connect();
      await probe.ping();
      probe.disconnect();
      return;
    } catch {
      probe.disconnect();
      await new Promise((r) => setTimeout(r, 50));
    }
  }
  throw new Error(`redis-server on port ${port} did not come up`);
}

function findFreePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const address = probe.address();
      probe.close(() =>
        typeof address === "object" && address ? resolve(address.port) : reject(new Error("no port")),
      );
    });
  });
}

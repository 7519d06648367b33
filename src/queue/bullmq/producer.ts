// The producer connection and its availability rule: the first call waits (bounded) for the first connection, so
// a process that starts just before Redis does not fail its first enqueue; after that, any call made while
// Redis is unreachable fails at once with QueueUnavailableError instead of waiting for a reconnect.
import type { Redis } from "ioredis";
import { QueueUnavailableError } from "../errors.ts";
import { createProducerConnection, describeRedisUrl, type RedisConnectionOptions } from "./connection.ts";

export interface ProducerOptions extends RedisConnectionOptions {
  /** How long the first call waits for the first connection. */
  connectTimeoutMs?: number;
}

export class Producer {
  readonly redis: Redis;
  readonly #where: string;
  readonly #connectTimeoutMs: number;
  #everReady = false;

  constructor(url: string, options: ProducerOptions = {}) {
    this.redis = createProducerConnection(url, options);
    this.#where = describeRedisUrl(url);
    this.#connectTimeoutMs = options.connectTimeoutMs ?? 5_000;
    this.redis.on("ready", () => {
      this.#everReady = true;
    });
  }

  async ensureAvailable(): Promise<void> {
    if (!this.#everReady && this.redis.status !== "ready") await this.#waitForFirstConnection();
    if (this.redis.status !== "ready") {
      throw new QueueUnavailableError(
        `job queue unavailable: Redis at ${this.#where} is not connected (${this.redis.status})`,
      );
    }
  }

  /** Turns an error raised because Redis went away mid-call into QueueUnavailableError; others pass through. */
  toUnavailable(error: unknown): unknown {
    if (error instanceof QueueUnavailableError) return error;
    if (this.redis.status === "ready" && !isConnectionError(error)) return error;
    const reason = error instanceof Error ? error.message : String(error);
    return new QueueUnavailableError(`job queue unavailable: lost Redis at ${this.#where} (${reason})`);
  }

  async #waitForFirstConnection(): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    let onReady = () => {};
    await new Promise<void>((resolve) => {
      onReady = resolve;
      this.redis.once("ready", onReady);
      timer = setTimeout(resolve, this.#connectTimeoutMs);
    });
    clearTimeout(timer);
    this.redis.off("ready", onReady);
  }
}

// ioredis reports a connection lost mid-command with these messages before its status leaves "ready".
const connectionErrorPattern =
  /Stream isn't writeable|Connection is closed|ECONNREFUSED|ECONNRESET|EPIPE|ETIMEDOUT/;

function isConnectionError(error: unknown): boolean {
  return error instanceof Error && connectionErrorPattern.test(error.message);
}

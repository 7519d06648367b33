// The process environment, parsed once and validated. Nothing else in the code reads process.env: the parsed
// Config is passed down (CLI → services, app, workers), so tests construct one directly.
import { z } from "zod";

const sqliteUrl = z
  .string()
  .min(1)
  .refine((v) => v === ":memory:" || v.startsWith("file:") || !v.includes("://"), {
    message: "must be an SQLite path, a file: URL or :memory: (only SQLite is supported for now)",
  });

const configSchema = z.object({
  /** SQLite database: a path, a `file:` URL or `:memory:`. */
  DATABASE_URL: sqliteUrl.default("./data/catalogue.sqlite"),
  /** Redis for the distributed job queue; unset means the in-process queue. */
  REDIS_URL: z.url({ protocol: /^rediss?$/, error: "must be a redis:// or rediss:// URL" }).optional(),
  PORT: z.coerce.number().int().min(0).max(65_535).default(8080),
  HOST: z.string().min(1).default("127.0.0.1"),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  /** HTTP API: requests a client (token or address) may burst before 429; 0 turns rate limiting off. */
  RATE_LIMIT_BURST: z.coerce.number().int().min(0).default(120),
  /** HTTP API: requests per second a client's bucket regains. */
  RATE_LIMIT_PER_SECOND: z.coerce.number().positive().default(20),
  /** HTTP API: largest request body accepted, in bytes (413 beyond). */
  MAX_BODY_BYTES: z.coerce.number().int().min(1024).default(1_048_576),
  /** Search: how many results are kept in memory between writes (src/services/search/result-cache.ts); 0: none. */
  SEARCH_CACHE_SIZE: z.coerce.number().int().min(0).default(256),
  /** Scheduler: every source is re-crawled this often. */
  CRAWL_INTERVAL_MINUTES: z.coerce.number().positive().default(1440),
  /** Scheduler: each next crawl lands within interval × (1 ± CRAWL_JITTER), so sources drift apart. */
  CRAWL_JITTER: z.coerce.number().min(0).max(0.5).default(0.1),
  /** Scheduler: how often it looks for due sources. */
  SCHEDULER_TICK_SECONDS: z.coerce.number().positive().default(60),
  /** `catalogue serve` runs the re-crawl scheduler (set false for read-only mirrors and benchmarks). */
  SCHEDULER_ENABLED: z
    .enum(["true", "false"])
    .default("true")
    .transform((v) => v === "true"),
  /** Redis key namespace of the queue, host budgets and scheduler lease (tests and benches use a unique one). */
  QUEUE_PREFIX: z
    .string()
    .regex(/^[A-Za-z0-9_.-]+$/)
    .default("catalogue"),
  /** Federation: this catalogue's id (docs/federation.md §1); default: the host of PUBLIC_BASE_URL. */
  CATALOGUE_ID: z
    .string()
    .max(128)
    .regex(/^[a-z0-9](?:[a-z0-9.-]*[a-z0-9])?$/)
    .optional(),
  CATALOGUE_NAME: z.string().min(1).max(255).default("Publiccode catalogue"),
  /** Federation: where peers reach this catalogue; default http://HOST:PORT (the bound port when PORT=0). */
  PUBLIC_BASE_URL: z.url({ protocol: /^https?$/ }).optional(),
  /** ISO 3166-1 alpha-2 country of a national catalogue; unset for non-national ones. */
  CATALOGUE_COUNTRY: z
    .string()
    .regex(/^[A-Z]{2}$/)
    .optional(),
  CATALOGUE_SCOPE: z.string().min(1).max(255).default("national"),
  /** Ed25519 private JWK that signs our records; generated (mode 0600) on first start when missing. */
  FEDERATION_KEY_FILE: z.string().min(1).default("./data/federation-key.jwk"),
  TOMBSTONE_RETENTION_DAYS: z.coerce.number().int().min(1).max(36_500).default(90),
  /** Sync from peers on loopback/private addresses (tests, private deployments); never for public peers. */
  FEDERATION_ALLOW_PRIVATE_NETWORK: z
    .enum(["true", "false"])
    .default("false")
    .transform((v) => v === "true"),
});

export type Config = z.infer<typeof configSchema>;

export class ConfigError extends Error {
  constructor(readonly issues: string[]) {
    super(`invalid configuration:\n${issues.map((i) => `  - ${i}`).join("\n")}`);
    this.name = "ConfigError";
  }
}

/** Parses the environment (normally `process.env`); throws ConfigError listing every bad variable. */
export function loadConfig(env: Record<string, string | undefined>): Config {
  // An empty variable means "unset": shells and .env files produce them easily, and "" is never a useful value.
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ""));
  const parsed = configSchema.safeParse(cleaned);
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`));
  }
  return parsed.data;
}

/** Resolves DATABASE_URL to what better-sqlite3 opens: a file path or ":memory:". */
export function sqlitePath(databaseUrl: string): string {
  if (databaseUrl === ":memory:") return databaseUrl;
  if (databaseUrl.startsWith("file:"))
    return decodeURIComponent(databaseUrl.slice("file:".length).replace(/^\/\/(?=\/)/, ""));
  return databaseUrl;
}

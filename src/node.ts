// The Node entry of the HTTP API: opens the store, builds the app and serves it with @hono/node-server.
// Only runtime specifics live here; the app itself is src/http/app.ts (createApp never listens).
import type { AddressInfo } from "node:net";
import { serve } from "@hono/node-server";
import type { Config } from "./config.ts";
import { createDb } from "./db/index.ts";
import { createApp } from "./http/app.ts";
import type { VerifyToken } from "./http/context.ts";
import { createPrometheusRegistry } from "./http/metrics/registry.ts";
import { createFederationServices } from "./http/routes/federation/store.ts";
import { createStoreServices } from "./http/store/index.ts";
import { createStoreTokenCheck } from "./http/store/tokens.ts";
import { type Clock, systemClock } from "./lib/clock.ts";
import type { Logger } from "./logger.ts";
import { startRuntime, withQueueMetrics } from "./runtime/index.ts";
import { type FederationSettings, resolveFederationSettings } from "./services/federation/index.ts";
import { setSearchCacheSize } from "./services/search/index.ts";

export interface StartServerOptions {
  config: Config;
  logger: Logger;
  clock?: Clock;
  /** Replaces the store's token check (benchmarks, tests). */
  verifyToken?: VerifyToken;
  /** Where forge token variables are looked up (the CLI passes its environment). */
  secrets?: Record<string, string | undefined>;
  /** false: the API only, no queue, scheduler or embedded workers (src/runtime/start-runtime.ts). */
  runtime?: boolean;
}

export interface RunningServer {
  /** http://host:port/ with the port actually bound (PORT=0 picks a free one). */
  url: string;
  close(): Promise<void>;
}

export async function startServer(options: StartServerOptions): Promise<RunningServer> {
  const { config, logger } = options;
  const clock = options.clock ?? systemClock;
  const handle = createDb(config.DATABASE_URL);
  setSearchCacheSize(handle.db, config.SEARCH_CACHE_SIZE);
  // The federation identity needs the bound URL (PORT=0 picks the port late): set once listening. Until then
  // the sync-peer jobs fail retryably and their peers stay due.
  let federationSettings: FederationSettings | null = null;
  const runtime =
    options.runtime === false
      ? null
      : startRuntime({
          config,
          db: handle.db,
          logger,
          clock,
          secrets: options.secrets ?? {},
          federation: () => federationSettings,
        });
  const app = createApp({
    services: createStoreServices({ db: handle.db, clock }),
    federation: createFederationServices({
      db: handle.db,
      clock,
      logger,
      settings: () => federationSettings,
    }),
    verifyToken: options.verifyToken ?? createStoreTokenCheck({ db: handle.db, clock }, logger),
    logger,
    clock,
    metrics: runtime
      ? withQueueMetrics(createPrometheusRegistry(), runtime.metrics)
      : createPrometheusRegistry(),
    ...(runtime ? { admin: runtime.admin } : {}),
    rateLimit:
      config.RATE_LIMIT_BURST > 0
        ? { capacity: config.RATE_LIMIT_BURST, refillPerSecond: config.RATE_LIMIT_PER_SECOND }
        : false,
    maxBodyBytes: config.MAX_BODY_BYTES,
  });
  const server = await new Promise<ReturnType<typeof serve>>((resolve, reject) => {
    const s = serve({ fetch: app.fetch, port: config.PORT, hostname: config.HOST }, () => resolve(s));
    s.once("error", reject);
  }).catch(async (error: unknown) => {
    await runtime?.close();
    handle.close();
    throw error;
  });
  const address = server.address() as AddressInfo;
  const host = address.family === "IPv6" ? `[${address.address}]` : address.address;
  federationSettings = await resolveFederationSettings(config, `http://${host}:${address.port}`).catch(
    async (error: unknown) => {
      server.close();
      await runtime?.close();
      handle.close();
      throw error;
    },
  );
  return {
    url: `http://${host}:${address.port}/`,
    close: () =>
      new Promise<void>((resolve, reject) => {
        // closeAllConnections: keep-alive sockets would otherwise hold close() open for seconds.
        server.close((error) => {
          // The runtime's jobs write to the store, so they settle before the store closes.
          const stopped = runtime ? runtime.close() : Promise.resolve();
          void stopped.finally(() => {
            handle.close();
            if (error) reject(error);
            else resolve();
          });
        });
        (server as unknown as { closeAllConnections?: () => void }).closeAllConnections?.();
      }),
  };
}

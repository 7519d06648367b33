// A benchmark catalogue: its own SQLite file, signing key and HTTP server on 127.0.0.1 (port 0), with the
// federation routes wired as `catalogue serve` wires them.
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import { serve } from "@hono/node-server";
import { createDb, type DbHandle } from "../../src/db/index.ts";
import { createApp } from "../../src/http/app.ts";
import { noopMetrics } from "../../src/http/metrics/registry.ts";
import { createFederationServices } from "../../src/http/routes/federation/store.ts";
import { createStoreServices } from "../../src/http/store/index.ts";
import { systemClock } from "../../src/lib/clock.ts";
import { silentLogger } from "../../src/logger.ts";
import { createServiceContext, type ServiceContext } from "../../src/services/context.ts";
import { type FederationSettings, loadOrCreateSigningKey } from "../../src/services/federation/index.ts";

export interface BenchCatalogue {
  url: string;
  ctx: ServiceContext;
  settings: FederationSettings;
  handle: DbHandle;
  close(): void;
}

export async function startBenchCatalogue(dir: string, id: string): Promise<BenchCatalogue> {
  const handle = createDb(join(dir, `${id}.sqlite`));
  const ctx = createServiceContext({ db: handle.db, actor: "bench", clock: systemClock });
  const { signingKey, publicJwk } = await loadOrCreateSigningKey(join(dir, `${id}.jwk`));
  const settings: FederationSettings = {
    catalogueId: id,
    name: id,
    baseUrl: "",
    country: null,
    scope: "bench",
    tombstoneRetentionDays: 90,
    signingKey,
    publicKeys: [publicJwk],
    allowPrivateNetwork: true,
  };
  const app = createApp({
    services: createStoreServices({ db: handle.db, clock: systemClock }),
    federation: createFederationServices({
      db: handle.db,
      clock: systemClock,
      logger: silentLogger,
      settings: () => settings,
    }),
    verifyToken: () => null,
    logger: silentLogger,
    clock: systemClock,
    metrics: noopMetrics,
    rateLimit: false,
  });
  const server = await new Promise<ReturnType<typeof serve>>((resolve) => {
    const s = serve({ fetch: app.fetch, port: 0, hostname: "127.0.0.1" }, () => resolve(s));
  });
  settings.baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url: settings.baseUrl,
    ctx,
    settings,
    handle,
    close() {
      (server as unknown as { closeAllConnections(): void }).closeAllConnections();
      server.close();
      handle.close();
    },
  };
}

// In-process catalogues for the federation service tests: each has its own in-memory store, signing key and
// HTTP server on 127.0.0.1 (port 0), so sync runs over real HTTP like between real peers.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { serve } from "@hono/node-server";
import { afterEach } from "vitest";
import { createDb, type DbHandle } from "../../../src/db/index.ts";
import { generateCatalogueKeyPair, importSigningKey } from "../../../src/federation/keys.ts";
import { createApp } from "../../../src/http/app.ts";
import { noopMetrics } from "../../../src/http/metrics/registry.ts";
import { createFederationServices } from "../../../src/http/routes/federation/store.ts";
import { createStoreServices } from "../../../src/http/store/index.ts";
import { fixedClock } from "../../../src/lib/clock.ts";
import { silentLogger } from "../../../src/logger.ts";
import { createServiceContext, type ServiceContext } from "../../../src/services/context.ts";
import {
  addPeer,
  type FederationSettings,
  type SyncDeps,
  type SyncResult,
  syncPeer,
} from "../../../src/services/federation/index.ts";
import { createPublisher, type Publisher } from "../../../src/services/publishers/index.ts";
import { createSoftware } from "../../../src/services/software/index.ts";
import { makePubliccode, uniqueSlug } from "../../support/factories.ts";

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

export interface TestCatalogue {
  id: string;
  url: string;
  settings: FederationSettings;
  ctx: ServiceContext;
  clock: ReturnType<typeof fixedClock>;
  handle: DbHandle;
  /** Registers `other` as a peer (by URL, as an admin would). */
  follow(other: { url: string }): Promise<string>;
  sync(peerId: string, options?: Partial<Omit<SyncDeps, "settings">>): Promise<SyncResult>;
  /** Creates a software through the verb; returns its id and URL. */
  createSoftware(options?: {
    url?: string;
    name?: string;
    publisherId?: string;
  }): Promise<{ id: string; url: string }>;
  /** Creates a publisher through the verb, with one group source (a fresh organisation unless given). */
  createPublisher(options?: {
    description?: string;
    alternativeId?: string;
    codeHosting?: string[];
  }): Promise<Publisher>;
}

function listen(server: Server): Promise<string> {
  return new Promise((resolve) => {
    server.listen(0, "127.0.0.1", () =>
      resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}`),
    );
  });
}

export async function startCatalogue(id: string, now = "2026-01-01T00:00:00.000Z"): Promise<TestCatalogue> {
  const handle = createDb(":memory:");
  const clock = fixedClock(now);
  const ctx = createServiceContext({ db: handle.db, actor: "test", clock });
  const { privateJwk, publicJwk } = await generateCatalogueKeyPair();
  const settings: FederationSettings = {
    catalogueId: id,
    name: `Catalogue ${id}`,
    baseUrl: "http://127.0.0.1:1",
    country: null,
    scope: "test",
    tombstoneRetentionDays: 90,
    signingKey: await importSigningKey(privateJwk),
    publicKeys: [publicJwk],
    allowPrivateNetwork: true,
  };
  const app = createApp({
    services: createStoreServices({ db: handle.db, clock }),
    federation: createFederationServices({
      db: handle.db,
      clock,
      logger: silentLogger,
      settings: () => settings,
    }),
    verifyToken: () => null,
    logger: silentLogger,
    clock,
    metrics: noopMetrics,
    rateLimit: false,
  });
  const server = await new Promise<ReturnType<typeof serve>>((resolve) => {
    const s = serve({ fetch: app.fetch, port: 0, hostname: "127.0.0.1" }, () => resolve(s));
  });
  settings.baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  cleanups.push(() => {
    (server as unknown as { closeAllConnections(): void }).closeAllConnections();
    server.close();
    handle.close();
  });
  return {
    id,
    url: settings.baseUrl,
    settings,
    ctx,
    clock,
    handle,
    async follow(other) {
      const peer = await addPeer(ctx, { selfCatalogueId: id, allowPrivateNetwork: true }, { url: other.url });
      return peer.id;
    },
    sync: (peerId, options = {}) => syncPeer(ctx, { settings, backoffBaseMs: 1000, ...options }, peerId),
    async createSoftware(options = {}) {
      const url = options.url ?? `https://github.com/${uniqueSlug("org")}/${uniqueSlug("repo")}`;
      const created = await createSoftware({
        ctx,
        input: {
          url,
          publiccodeYml: makePubliccode({ url, ...(options.name ? { name: options.name } : {}) }),
          ...(options.publisherId ? { publisherId: options.publisherId } : {}),
        },
      });
      return { id: created.id, url: created.url };
    },
    createPublisher: (options = {}) =>
      createPublisher({
        ctx,
        input: {
          description: options.description ?? `Publisher ${uniqueSlug("pub")}`,
          ...(options.alternativeId ? { alternativeId: options.alternativeId } : {}),
          codeHosting: (options.codeHosting ?? [`https://github.com/${uniqueSlug("org")}`]).map((url) => ({
            url,
          })),
        },
      }),
  };
}

export type Responder = (path: string, query: URLSearchParams) => { status?: number; body: string | Buffer };

/** A misbehaving peer: answers every request with whatever `respond` says. */
export async function startFakePeer(respond: Responder): Promise<{ url: string; requests: string[] }> {
  const requests: string[] = [];
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://127.0.0.1");
    requests.push(url.pathname);
    const answer = respond(url.pathname, url.searchParams);
    res.writeHead(answer.status ?? 200, { "content-type": "application/json" });
    res.end(answer.body);
  });
  const url = await listen(server);
  cleanups.push(
    () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  );
  return { url, requests };
}

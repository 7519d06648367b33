// HTTP test helpers: an in-process app over a fresh in-memory store, tokens with chosen scopes, and the shared
// auth suite every write route goes through (derived from the generated OpenAPI document plus Hono's route
// table, so a new write route cannot skip it).
import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { createDb, type DbHandle } from "../../src/db/index.ts";
import { type AppDepsInput, createApp } from "../../src/http/app.ts";
import type { TokenIdentity } from "../../src/http/context.ts";
import { noopMetrics } from "../../src/http/metrics/registry.ts";
import { createStoreServices } from "../../src/http/store/index.ts";
import { fixedClock } from "../../src/lib/clock.ts";
import { silentLogger } from "../../src/logger.ts";

export interface TestApp {
  app: ReturnType<typeof createApp>;
  handle: DbHandle;
  clock: ReturnType<typeof fixedClock>;
  /** Registers a token with these scopes and returns its Authorization header value. */
  bearer(scopes: string[], id?: string): string;
  request(path: string, init?: RequestInit & { json?: unknown }): Promise<Response>;
}

export function createTestApp(overrides: Partial<AppDepsInput> = {}): TestApp {
  const handle = createDb(":memory:");
  const clock = fixedClock("2025-01-15T10:00:00Z");
  const tokens = new Map<string, TokenIdentity>();
  const app = createApp({
    services: createStoreServices({ db: handle.db, clock }),
    verifyToken: (secret) => tokens.get(secret) ?? null,
    logger: silentLogger,
    clock,
    metrics: noopMetrics,
    rateLimit: false,
    ...overrides,
  });
  return {
    app,
    handle,
    clock,
    bearer(scopes, id = randomUUID()) {
      const secret = `secret-${randomUUID()}`;
      tokens.set(secret, { id, scopes });
      return `Bearer ${secret}`;
    },
    request(path, init = {}) {
      const { json, ...rest } = init;
      const headers = new Headers(rest.headers);
      if (json !== undefined && !headers.has("content-type")) headers.set("content-type", "application/json");
      return Promise.resolve(
        app.request(path, {
          ...rest,
          headers,
          ...(json !== undefined ? { body: JSON.stringify(json) } : {}),
        }),
      );
    },
  };
}

export interface WriteRoute {
  method: string;
  /** OpenAPI template, e.g. /v1/software/{id}. */
  template: string;
  scope: string;
}

interface OpenApiDoc {
  paths: Record<string, Record<string, { security?: Record<string, string[]>[] }>>;
}

/** Every operation whose security requirement names a scope, read from the served /openapi.json. */
export async function listWriteRoutes(testApp: TestApp): Promise<WriteRoute[]> {
  const doc = (await (await testApp.request("/openapi.json")).json()) as OpenApiDoc;
  return Object.entries(doc.paths).flatMap(([template, item]) =>
    Object.entries(item).flatMap(([method, op]) => {
      const scope = op.security?.flatMap((req) => Object.values(req).flat())[0];
      return scope ? [{ method: method.toUpperCase(), template, scope }] : [];
    }),
  );
}

const concrete = (template: string) => template.replace(/\{[^}]+\}/g, randomUUID());
/** A JSON body for methods that may carry one: the guard must answer before the body is even validated. */
const bodyFor = (method: string) => (method === "GET" || method === "HEAD" ? {} : { json: {} });

/** The auth suite: 401 + WWW-Authenticate without a token, 403 with a token of another scope. */
export function runWriteRouteAuthTests(makeApp: () => TestApp = () => createTestApp()): void {
  describe("write route authorisation", () => {
    it("declares a scope for every route that is not a read", async () => {
      const testApp = makeApp();
      const declared = new Set((await listWriteRoutes(testApp)).map((r) => `${r.method} ${r.template}`));
      const unsafe = testApp.app.routes
        .filter((r) => !["GET", "HEAD", "OPTIONS", "ALL"].includes(r.method))
        .map((r) => `${r.method} ${r.path.replace(/:([^/]+)/g, "{$1}")}`);
      expect(unsafe.length).toBeGreaterThan(0);
      for (const route of unsafe)
        expect(declared, `${route} has no scope in the OpenAPI doc`).toContain(route);
    });

    it("answers 401 with a Bearer challenge to every write route called without a token", async () => {
      const testApp = makeApp();
      const routes = await listWriteRoutes(testApp);
      for (const route of routes) {
        const res = await testApp.request(concrete(route.template), {
          method: route.method,
          ...bodyFor(route.method),
        });
        expect(res.status, `${route.method} ${route.template}`).toBe(401);
        expect(res.headers.get("www-authenticate"), `${route.method} ${route.template}`).toMatch(/^Bearer/);
        expect(res.headers.get("content-type")).toBe("application/problem+json");
      }
    });

    it("answers 403 to every write route called with a token lacking its scope", async () => {
      const testApp = makeApp();
      const routes = await listWriteRoutes(testApp);
      for (const route of routes) {
        const other = ["publishers:write", "software:write", "forges:write", "peers:write"].find(
          (s) => s !== route.scope,
        )!;
        const res = await testApp.request(concrete(route.template), {
          method: route.method,
          ...bodyFor(route.method),
          headers: { authorization: testApp.bearer([other]) },
        });
        expect(res.status, `${route.method} ${route.template}`).toBe(403);
        expect(((await res.json()) as { detail: string }).detail).toContain(route.scope);
      }
    });
  });
}

/** A valid publiccode.yml (0.5.0) for `url`, with a distinct name, so each test makes its own software. */
export function samplePubliccode(
  url: string,
  name = `Software ${randomUUID().slice(0, 8)}`,
  words = "",
): string {
  return `publiccodeYmlVersion: 0.5.0
name: ${name}
url: ${url}
platforms:
  - linux
  - web
categories:
  - document-management
developmentStatus: stable
softwareType: standalone/web
organisation:
  uri: https://example.org/org
  name: Example organisation
description:
  en:
    shortDescription: Manages archives of documents for public bodies ${words}
    longDescription: >-
      A long description of the software, long enough for the validator, that explains how archives of
      documents are kept, searched and preserved by public bodies and their suppliers. ${words}
    features:
      - Archive documents
legal:
  license: EUPL-1.2
maintenance:
  type: none
localisation:
  localisationReady: false
  availableLanguages:
    - en
`;
}

/** A unique repository URL. */
export const uniqueRepoUrl = (owner = "example") =>
  `https://github.com/${owner}/repo-${randomUUID().slice(0, 8)}`;

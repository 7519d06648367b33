import { describe, expect, it } from "vitest";
import { listChanges } from "../../../src/services/changes/index.ts";
import { createServiceContext } from "../../../src/services/context.ts";
import { createTestApp, listWriteRoutes, runWriteRouteAuthTests } from "../../support/http.ts";

runWriteRouteAuthTests();

describe("bearer tokens", () => {
  it("covers the write routes of every resource in the shared auth suite", async () => {
    const routes = await listWriteRoutes(createTestApp());
    expect(routes.map((r) => `${r.method} ${r.template}`)).toEqual(
      expect.arrayContaining([
        "POST /v1/publishers",
        "PATCH /v1/publishers/{id}",
        "DELETE /v1/publishers/{id}",
        "POST /v1/software",
        "PATCH /v1/software/{id}",
        "DELETE /v1/software/{id}",
      ]),
    );
  });

  it("refuses an unknown token with 401 even on a public read", async () => {
    const res = await createTestApp().request("/v1/status", { headers: { authorization: "Bearer nope" } });
    expect(res.status).toBe(401);
    expect(res.headers.get("www-authenticate")).toContain('error="invalid_token"');
  });

  it("refuses a non-Bearer Authorization header with 401", async () => {
    const res = await createTestApp().request("/v1/status", {
      headers: { authorization: "Basic dXNlcjpwYXNz" },
    });
    expect(res.status).toBe(401);
  });

  it("lets an admin token through any write scope", async () => {
    const t = createTestApp();
    const res = await t.request("/v1/publishers", {
      method: "POST",
      json: { description: "Regione Test", codeHosting: [{ url: "https://github.com/regione-test" }] },
      headers: { authorization: t.bearer(["admin"]) },
    });
    expect(res.status).toBe(200);
  });

  it("records the token as the actor of the write in the change log", async () => {
    const t = createTestApp();
    const res = await t.request("/v1/publishers", {
      method: "POST",
      json: { description: "Comune di Attore", codeHosting: [{ url: "https://github.com/attore" }] },
      headers: { authorization: t.bearer(["publishers:write"], "tok-actor") },
    });
    const created = (await res.json()) as { id: string };
    const ctx = createServiceContext({ db: t.handle.db, actor: "test" });
    const changes = await listChanges({ ctx, input: {} });
    const change = changes.data.find((c) => c.entityId === created.id);
    expect(change).toMatchObject({ actor: "token:tok-actor", action: "create" });
  });
});

describe("tokens from the store", () => {
  it("accepts a secret made by createToken and refuses it once revoked", async () => {
    const { createStoreTokenCheck } = await import("../../../src/http/store/tokens.ts");
    const { createToken, revokeToken } = await import("../../../src/services/tokens/index.ts");
    const { silentLogger } = await import("../../../src/logger.ts");
    const probe = createTestApp();
    const t = createTestApp({
      verifyToken: createStoreTokenCheck({ db: probe.handle.db, clock: probe.clock }, silentLogger),
    });
    const ctx = createServiceContext({ db: probe.handle.db, clock: probe.clock, actor: "cli" });
    const created = await createToken({ ctx, input: { name: "crawler", scopes: ["publishers:write"] } });
    const body = { description: "Comune Token", codeHosting: [{ url: "https://github.com/comune-token" }] };
    const headers = { authorization: `Bearer ${created.secret}` };
    expect((await t.request("/v1/publishers", { method: "POST", json: body, headers })).status).toBe(200);
    await revokeToken({ ctx, input: { id: created.id } });
    expect((await t.request("/v1/status", { headers })).status).toBe(401);
  });
});

import { describe, expect, it } from "vitest";
import { createFederationServices } from "../../../src/http/routes/federation/store.ts";
import { silentLogger } from "../../../src/logger.ts";
import { createTestApp } from "../../support/http.ts";
import { startCatalogue } from "./support.ts";

async function peersApp() {
  const a = await startCatalogue("a.test");
  const self = await startCatalogue("self.test");
  const t = createTestApp();
  const federation = createFederationServices({
    db: t.handle.db,
    clock: t.clock,
    logger: silentLogger,
    settings: () => self.settings,
  });
  const app = createTestApp({ federation });
  return { a, app };
}

describe("/v1/peers", () => {
  it("registers a peer by URL with peers:write and lists it with its sync state", async () => {
    const { a, app } = await peersApp();
    const auth = app.bearer(["peers:write"]);
    const created = await app.request("/v1/peers", {
      method: "POST",
      json: { url: a.url },
      headers: { authorization: auth },
    });
    expect(created.status).toBe(201);
    expect(await created.json()).toMatchObject({
      id: "a.test",
      baseUrl: a.url,
      status: "new",
      phase: "snapshot",
    });
    const listed = await app.request("/v1/peers", { headers: { authorization: auth } });
    expect(((await listed.json()) as { data: { id: string }[] }).data.map((p) => p.id)).toEqual(["a.test"]);
    const again = await app.request("/v1/peers", {
      method: "POST",
      json: { url: a.url },
      headers: { authorization: auth },
    });
    expect(again.status).toBe(409);
  });

  it("refuses anonymous and under-scoped callers with 401 and 403", async () => {
    const { a, app } = await peersApp();
    expect((await app.request("/v1/peers")).status).toBe(401);
    const reader = app.bearer(["software:write"]);
    const res = await app.request("/v1/peers", {
      method: "POST",
      json: { url: a.url },
      headers: { authorization: reader },
    });
    expect(res.status).toBe(403);
  });

  it("answers 422 when the URL serves no catalogue descriptor", async () => {
    const { a, app } = await peersApp();
    const auth = app.bearer(["admin"]);
    const res = await app.request("/v1/peers", {
      method: "POST",
      json: { url: `${a.url}/nothing-here` },
      headers: { authorization: auth },
    });
    expect(res.status).toBe(422);
  });
});

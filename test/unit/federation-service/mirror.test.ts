import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { peer, software } from "../../../src/db/schema/index.ts";
import { addPeer } from "../../../src/services/federation/index.ts";
import { validateBytes } from "../../../src/services/software/validate.ts";
import { fixtureSoftware, startOpenCatalogServer } from "../../support/open-catalog-server.ts";
import { startCatalogue } from "./support.ts";

describe("mirroring an open-catalog-api catalogue", () => {
  it("keeps valid software with url and aliases, marked as relayed and unsigned, and rejects invalid files", async () => {
    const items = fixtureSoftware().filter((s) => s.active);
    const broken = {
      ...items[1]!,
      id: "bbbbbbbb-aaaa-4bbb-8ccc-000000000009",
      url: "https://github.com/x/broken",
      publiccodeYml: "name: [",
    };
    const server = await startOpenCatalogServer({ software: [...items, broken] });
    const c = await startCatalogue("c.test");
    const mirror = await addPeer(
      c.ctx,
      { selfCatalogueId: "c.test", allowPrivateNetwork: true },
      { url: server.baseUrl, kind: "open-catalog-api" },
    );
    const result = await c.sync(mirror.id);
    const valid = items.filter((s) => validateBytes(Buffer.from(s.publiccodeYml)).valid);
    expect(valid.length).toBeGreaterThan(0);
    expect(result).toMatchObject({
      ok: true,
      applied: valid.length,
      rejected: items.length - valid.length + 1,
    });
    const first = c.handle.db
      .select()
      .from(software)
      .where(eq(software.originSoftwareId, items[0]!.id))
      .get();
    expect(valid).toContain(items[0]);
    expect(first).toMatchObject({
      url: items[0]!.url,
      originCatalogueId: mirror.id,
      relayChain: [mirror.id],
      signature: null,
      sourceForge: "open-catalog-api",
    });
    const aliases = c.handle.sqlite
      .prepare("select url from software_alias where software_id = ?")
      .all(first!.id);
    expect(aliases).toEqual([{ url: items[0]!.aliases[0] }]);
    expect(c.handle.db.select().from(peer).get()?.recordsImported).toBe(valid.length);
    // A second run changes nothing: the remote did not update anything.
    expect(await c.sync(mirror.id)).toMatchObject({ ok: true, applied: 0 });
    await server.close();
  });

  it("never replaces a first-hand copy of the same repository", async () => {
    const [item] = fixtureSoftware().filter((s) => validateBytes(Buffer.from(s.publiccodeYml)).valid);
    const server = await startOpenCatalogServer({ software: [item!] });
    const c = await startCatalogue("c.test");
    const own = await c.createSoftware({ url: item!.url, name: "Harvested here" });
    const mirror = await addPeer(
      c.ctx,
      { selfCatalogueId: "c.test", allowPrivateNetwork: true },
      { url: server.baseUrl, kind: "open-catalog-api" },
    );
    expect(await c.sync(mirror.id)).toMatchObject({ ok: true, applied: 0, skipped: 1 });
    expect(c.handle.db.select().from(software).where(eq(software.id, own.id)).get()).toMatchObject({
      name: "Harvested here",
      originCatalogueId: null,
    });
    await server.close();
  });
});

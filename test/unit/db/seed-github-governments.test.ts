import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parseGovernmentList, seedGithubGovernments } from "../../../seeds/github-governments.ts";
import { governmentSectionCountry } from "../../../seeds/github-governments-countries.ts";
import { listChanges } from "../../../src/services/changes/index.ts";
import { listForges } from "../../../src/services/forges/index.ts";
import { getPublisher, listPublishers } from "../../../src/services/publishers/index.ts";
import { listSources } from "../../../src/services/sources/index.ts";
import { createTestStore } from "../../support/test-db.ts";

const list = `Italy:
  - italia
  - teamdigitale
European Union:
  - ec-europa
Atlantis:
  - atlantis-gov
`;

describe("seedGithubGovernments", () => {
  it("creates one publisher per organisation with its github.com source and country", async () => {
    const { ctx } = createTestStore();
    const report = await seedGithubGovernments(ctx, list);
    expect(report).toEqual({ created: 4, skipped: 0, forgeCreated: true, unknownSections: ["Atlantis"] });
    const { data } = await listPublishers({ ctx, input: { limit: 10 } });
    const byName = Object.fromEntries(data.map((p) => [p.name, p]));
    expect(byName.italia).toMatchObject({
      country: "IT",
      codeHosting: [{ url: "https://github.com/italia", group: true }],
    });
    expect(byName["ec-europa"]?.country).toBeNull();
    expect(byName["atlantis-gov"]?.country).toBeNull();
    const [forge] = await listForges({ ctx, input: undefined });
    expect(forge?.host).toBe("github.com");
    const sources = await listSources({ ctx, input: { publisherId: byName.italia!.id } });
    expect(sources[0]?.forgeId).toBe(forge?.id);
  });

  it("changes nothing and appends no change rows on a second run", async () => {
    const { ctx } = createTestStore();
    await seedGithubGovernments(ctx, list);
    const before = await listChanges({ ctx, input: { limit: 1000 } });
    const again = await seedGithubGovernments(ctx, list);
    expect(again).toMatchObject({ created: 0, skipped: 4, forgeCreated: false });
    expect((await listChanges({ ctx, input: { limit: 1000 } })).lastSeq).toBe(before.lastSeq);
    const italia = before.data.find((c) => (c.snapshot as { name?: string }).name === "italia")!;
    expect((await getPublisher({ ctx, input: { id: italia.entityId } })).name).toBe("italia");
  });

  it("maps every section of the committed list to a country entry", () => {
    const sections = parseGovernmentList(
      readFileSync(new URL("../../../seeds/github-governments.yml", import.meta.url), "utf8"),
    );
    expect([...sections.keys()].filter((s) => !Object.hasOwn(governmentSectionCountry, s))).toEqual([]);
    expect([...sections.values()].flat()).toHaveLength(956);
  });

  it("rejects a file that is not a mapping of lists", () => {
    expect(() => parseGovernmentList("- a\n- b\n")).toThrow(/mapping/);
    expect(() => parseGovernmentList("Italy: italia\n")).toThrow(/Italy/);
  });
});

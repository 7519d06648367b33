import { describe, expect, it } from "vitest";
import { listChanges } from "../../../src/services/changes/index.ts";
import { ConflictError, InvalidInputError, NotFoundError } from "../../../src/services/errors.ts";
import { searchSoftware } from "../../../src/services/search/index.ts";
import {
  applySoftwareJsonPatch,
  createSoftware,
  deleteSoftware,
  getSoftware,
  listSoftware,
  setSoftwareState,
  updateSoftware,
} from "../../../src/services/software/index.ts";
import {
  makeInvalidPubliccode,
  makePubliccode,
  makePublisher,
  makeSoftware,
  uniqueSlug,
} from "../../support/factories.ts";
import { createTestStore } from "../../support/test-db.ts";

describe("createSoftware", () => {
  it("stores the parsed columns of a valid publiccode.yml", async () => {
    const { ctx } = createTestStore();
    const software = await makeSoftware(ctx, {
      publiccode: {
        name: "Parsed",
        categories: ["it-development", "cloud-management"],
        platforms: ["web", "linux"],
        license: "EUPL-1.2 OR MIT",
        languages: ["it", "en"],
        countries: ["IT"],
        developmentStatus: "stable",
        softwareType: "library",
      },
    });
    expect(software).toMatchObject({
      state: "active",
      name: "Parsed",
      categories: ["it-development", "cloud-management"],
      platforms: ["web", "linux"],
      license: "EUPL-1.2 OR MIT",
      languages: ["it", "en"],
      countries: ["IT"],
      developmentStatus: "stable",
      softwareType: "library",
    });
    expect(software.descriptions?.en?.shortDescription).toBe("A short description");
  });

  it("rejects an invalid file with InvalidInputError listing the validator's errors", async () => {
    const { ctx } = createTestStore();
    const error = await createSoftware({
      ctx,
      input: { url: "https://github.com/o/r", publiccodeYml: makeInvalidPubliccode() },
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidInputError);
    expect((error as InvalidInputError).fields.map((f) => f.field)).toContain("publiccodeYml.platforms");
  });

  it("throws ConflictError when the URL or one of its aliases is taken", async () => {
    const { ctx } = createTestStore();
    const alias = `https://gitlab.com/${uniqueSlug("g")}/p`;
    const first = await makeSoftware(ctx, { aliases: [alias] });
    await expect(makeSoftware(ctx, { url: `${first.url}.git` })).rejects.toBeInstanceOf(ConflictError);
    await expect(makeSoftware(ctx, { url: alias })).rejects.toBeInstanceOf(ConflictError);
  });

  it("throws NotFoundError for an unknown publisher", async () => {
    const { ctx } = createTestStore();
    await expect(makeSoftware(ctx, { publisherId: "missing" })).rejects.toBeInstanceOf(NotFoundError);
  });
});

describe("getSoftware and listSoftware", () => {
  it("throws NotFoundError for an unknown id", async () => {
    const { ctx } = createTestStore();
    await expect(getSoftware({ ctx, input: { id: "missing" } })).rejects.toBeInstanceOf(NotFoundError);
  });

  it("lists active software newest first, pages with the cursor, and includes every state with all", async () => {
    const { ctx, clock } = createTestStore();
    const made = [];
    for (let i = 0; i < 4; i++) {
      made.push(await makeSoftware(ctx));
      clock.advance(1000);
    }
    await deleteSoftware({ ctx, input: { id: made[0]!.id } });
    const first = await listSoftware({ ctx, input: { limit: 2 } });
    const second = await listSoftware({ ctx, input: { limit: 2, cursor: first.nextCursor! } });
    expect([...first.data, ...second.data].map((s) => s.id)).toEqual([made[3]!.id, made[2]!.id, made[1]!.id]);
    expect(second.nextCursor).toBeNull();
    const all = await listSoftware({ ctx, input: { all: true, limit: 10 } });
    expect(all.data).toHaveLength(4);
  });

  it("filters by updatedAt range", async () => {
    const { ctx, clock } = createTestStore();
    await makeSoftware(ctx);
    clock.advance(10_000);
    const from = clock.now();
    const later = await makeSoftware(ctx);
    const page = await listSoftware({ ctx, input: { from } });
    expect(page.data.map((s) => s.id)).toEqual([later.id]);
  });
});

describe("updateSoftware", () => {
  it("applies curated overrides over the served document, and removes them with null", async () => {
    const { ctx } = createTestStore();
    const software = await makeSoftware(ctx, { publiccode: { name: "Original" } });
    const curated = await updateSoftware({
      ctx,
      input: { id: software.id, patch: { overrides: { name: "Curated" } } },
    });
    expect(curated).toMatchObject({ name: "Curated", overrides: { name: "Curated" } });
    expect((await searchSoftware({ ctx, input: { q: "Curated" } })).total).toBe(1);
    const reverted = await updateSoftware({
      ctx,
      input: { id: software.id, patch: { overrides: { name: null } } },
    });
    expect(reverted).toMatchObject({ name: "Original", overrides: null });
  });

  it("moves the URL and keeps the old one as an alias", async () => {
    const { ctx } = createTestStore();
    const software = await makeSoftware(ctx);
    const url = `https://gitlab.com/${uniqueSlug("g")}/p`;
    const moved = await updateSoftware({ ctx, input: { id: software.id, patch: { url } } });
    expect(moved).toMatchObject({ url, aliases: [software.url] });
  });

  it("suspends and resumes with active", async () => {
    const { ctx } = createTestStore();
    const software = await makeSoftware(ctx);
    expect((await updateSoftware({ ctx, input: { id: software.id, patch: { active: false } } })).state).toBe(
      "suspended",
    );
    expect((await updateSoftware({ ctx, input: { id: software.id, patch: { active: true } } })).state).toBe(
      "active",
    );
  });

  it("replaces the served file with a new valid one and refuses an invalid one", async () => {
    const { ctx } = createTestStore();
    const software = await makeSoftware(ctx);
    const next = makePubliccode({ name: "Replaced" });
    expect(
      (await updateSoftware({ ctx, input: { id: software.id, patch: { publiccodeYml: next } } }))
        .publiccodeYml,
    ).toBe(next);
    await expect(
      updateSoftware({ ctx, input: { id: software.id, patch: { publiccodeYml: makeInvalidPubliccode() } } }),
    ).rejects.toBeInstanceOf(InvalidInputError);
    expect((await getSoftware({ ctx, input: { id: software.id } })).name).toBe("Replaced");
  });

  it("moves a software to another publisher", async () => {
    const { ctx } = createTestStore();
    const publisher = await makePublisher(ctx);
    const software = await makeSoftware(ctx);
    const moved = await updateSoftware({
      ctx,
      input: { id: software.id, patch: { publisherId: publisher.id } },
    });
    expect(moved.publisherId).toBe(publisher.id);
  });
});

describe("applySoftwareJsonPatch", () => {
  it("applies operations to the editable view and saves them in one change", async () => {
    const { ctx } = createTestStore();
    const software = await makeSoftware(ctx);
    const alias = `https://gitlab.com/${uniqueSlug("g")}/p`;
    const before = (await listChanges({ ctx, input: {} })).lastSeq;
    const patched = await applySoftwareJsonPatch({
      ctx,
      input: {
        id: software.id,
        operations: [
          { op: "test", path: "/active", value: true },
          { op: "add", path: "/aliases/-", value: alias },
          { op: "add", path: "/overrides", value: { developmentStatus: "stable" } },
        ],
      },
    });
    expect(patched).toMatchObject({ aliases: [alias], developmentStatus: "stable" });
    const changes = await listChanges({ ctx, input: { afterSeq: before } });
    expect(changes.data.map((c) => c.action)).toEqual(["update"]);
  });

  it("writes nothing when a test operation fails", async () => {
    const { ctx } = createTestStore();
    const software = await makeSoftware(ctx);
    await expect(
      applySoftwareJsonPatch({
        ctx,
        input: {
          id: software.id,
          operations: [
            { op: "replace", path: "/active", value: false },
            { op: "test", path: "/url", value: "x" },
          ],
        },
      }),
    ).rejects.toBeInstanceOf(InvalidInputError);
    expect((await getSoftware({ ctx, input: { id: software.id } })).state).toBe("active");
  });
});

describe("deleteSoftware and setSoftwareState", () => {
  it("withdraws with a delete tombstone and leaves search", async () => {
    const { ctx } = createTestStore();
    const software = await makeSoftware(ctx, { publiccode: { name: "Doomed" } });
    await deleteSoftware({ ctx, input: { id: software.id } });
    expect((await getSoftware({ ctx, input: { id: software.id } })).state).toBe("withdrawn");
    const last = (await listChanges({ ctx, input: {} })).data.at(-1)!;
    expect(last).toMatchObject({ action: "delete", snapshot: { id: software.id, deleted: true } });
    expect((await searchSoftware({ ctx, input: { q: "Doomed" } })).total).toBe(0);
  });

  it("records the reason of a harvester state and resumes to active", async () => {
    const { ctx } = createTestStore();
    const software = await makeSoftware(ctx);
    const archived = await setSoftwareState({
      ctx,
      input: { id: software.id, state: "archived", reason: "repository archived" },
    });
    expect(archived.software).toMatchObject({ state: "archived", stateReason: "repository archived" });
    const resumed = await setSoftwareState({ ctx, input: { id: software.id, state: "active" } });
    expect(resumed.software.state).toBe("active");
    const same = await setSoftwareState({ ctx, input: { id: software.id, state: "active" } });
    expect(same.action).toBe("none");
  });
});

import { describe, expect, it } from "vitest";
import { listChanges } from "../../../src/services/changes/index.ts";
import { ConflictError, InvalidInputError, NotFoundError } from "../../../src/services/errors.ts";
import {
  createPublisher,
  deletePublisher,
  getPublisher,
  listPublishers,
  updatePublisher,
} from "../../../src/services/publishers/index.ts";
import { makePublisher, uniqueSlug } from "../../support/factories.ts";
import { createTestStore } from "../../support/test-db.ts";

describe("createPublisher", () => {
  it("stores the publisher with canonical code-hosting URLs and an upper-case country", async () => {
    const { ctx } = createTestStore();
    const created = await createPublisher({
      ctx,
      input: {
        name: "Comune di Roma",
        country: "it",
        alternativeId: "urn:x-italian-pa:c_h501",
        codeHosting: [{ url: "http://www.GitHub.com/comune-roma/", group: true }],
      },
    });
    expect(created).toMatchObject({ name: "Comune di Roma", country: "IT", active: true });
    expect(created.codeHosting.map((c) => c.url)).toEqual(["https://github.com/comune-roma"]);
  });

  it("takes the description as name when no name is given", async () => {
    const { ctx } = createTestStore();
    const created = await createPublisher({ ctx, input: { description: "Regione Lazio" } });
    expect(created.name).toBe("Regione Lazio");
  });

  it("rejects a publisher with neither name nor description", async () => {
    const { ctx } = createTestStore();
    await expect(createPublisher({ ctx, input: {} })).rejects.toThrow();
  });

  it("throws ConflictError when the alternativeId is taken", async () => {
    const { ctx } = createTestStore();
    await makePublisher(ctx, { alternativeId: "urn:x:one" });
    await expect(makePublisher(ctx, { alternativeId: "urn:x:one" })).rejects.toBeInstanceOf(ConflictError);
  });

  it("throws ConflictError when a code-hosting URL belongs to another publisher, in any spelling", async () => {
    const { ctx } = createTestStore();
    const org = uniqueSlug("org");
    await makePublisher(ctx, { codeHosting: [{ url: `https://github.com/${org}` }] });
    await expect(
      makePublisher(ctx, { codeHosting: [{ url: `http://github.com/${org}/` }] }),
    ).rejects.toBeInstanceOf(ConflictError);
  });

  it("throws InvalidInputError for a code-hosting value that is not a URL", async () => {
    const { ctx } = createTestStore();
    await expect(makePublisher(ctx, { codeHosting: [{ url: "not a url" }] })).rejects.toBeInstanceOf(
      InvalidInputError,
    );
  });

  it("appends one create change carrying the actor and the snapshot", async () => {
    const { ctx } = createTestStore({ actor: "token:abc" });
    const created = await makePublisher(ctx);
    const { data } = await listChanges({ ctx, input: {} });
    expect(data).toHaveLength(1);
    expect(data[0]).toMatchObject({
      entityType: "publisher",
      entityId: created.id,
      action: "create",
      actor: "token:abc",
    });
    expect(data[0]!.snapshot).toMatchObject({ id: created.id, name: created.name });
  });
});

describe("getPublisher", () => {
  it("finds a publisher by id and by alternativeId", async () => {
    const { ctx } = createTestStore();
    const created = await makePublisher(ctx, { alternativeId: "urn:x:get" });
    expect((await getPublisher({ ctx, input: { id: created.id } })).id).toBe(created.id);
    expect((await getPublisher({ ctx, input: { id: "urn:x:get" } })).id).toBe(created.id);
  });

  it("throws NotFoundError for an unknown id", async () => {
    const { ctx } = createTestStore();
    await expect(getPublisher({ ctx, input: { id: "nope" } })).rejects.toBeInstanceOf(NotFoundError);
  });
});

describe("listPublishers", () => {
  it("pages through every publisher once with the cursor", async () => {
    const { ctx, clock } = createTestStore();
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) {
      ids.push((await makePublisher(ctx)).id);
      if (i % 2 === 0) clock.advance(1000);
    }
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await listPublishers({ ctx, input: { limit: 2, ...(cursor ? { cursor } : {}) } });
      seen.push(...page.data.map((p) => p.id));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    expect(seen.sort()).toEqual([...ids].sort());
  });

  it("filters on active", async () => {
    const { ctx } = createTestStore();
    const inactive = await makePublisher(ctx, { active: false });
    await makePublisher(ctx);
    const page = await listPublishers({ ctx, input: { active: false } });
    expect(page.data.map((p) => p.id)).toEqual([inactive.id]);
  });

  it("throws InvalidInputError for a tampered cursor", async () => {
    const { ctx } = createTestStore();
    await expect(listPublishers({ ctx, input: { cursor: "garbage" } })).rejects.toBeInstanceOf(
      InvalidInputError,
    );
  });
});

describe("updatePublisher", () => {
  it("merges fields, clears nulls and replaces the code-hosting set", async () => {
    const { ctx, clock } = createTestStore();
    const created = await makePublisher(ctx, { email: "a@example.org", description: "old" });
    clock.advance(60_000);
    const updated = await updatePublisher({
      ctx,
      input: {
        id: created.id,
        patch: { email: null, name: "New name", codeHosting: [{ url: "https://gitlab.com/newgroup" }] },
      },
    });
    expect(updated).toMatchObject({ name: "New name", email: null, description: "old" });
    expect(updated.codeHosting.map((c) => c.url)).toEqual(["https://gitlab.com/newgroup"]);
    expect(updated.updatedAt.getTime()).toBeGreaterThan(created.updatedAt.getTime());
  });

  it("appends no change when the patch changes nothing", async () => {
    const { ctx } = createTestStore();
    const created = await makePublisher(ctx);
    await updatePublisher({ ctx, input: { id: created.id, patch: { name: created.name } } });
    const { data } = await listChanges({ ctx, input: {} });
    expect(data.map((c) => c.action)).toEqual(["create"]);
  });
});

describe("deletePublisher", () => {
  it("removes the publisher and appends a delete tombstone", async () => {
    const { ctx } = createTestStore();
    const created = await makePublisher(ctx);
    await deletePublisher({ ctx, input: { id: created.id } });
    await expect(getPublisher({ ctx, input: { id: created.id } })).rejects.toBeInstanceOf(NotFoundError);
    const last = (await listChanges({ ctx, input: {} })).data.at(-1)!;
    expect(last).toMatchObject({
      action: "delete",
      entityId: created.id,
      snapshot: { id: created.id, deleted: true },
    });
  });
});

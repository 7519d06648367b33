import { describe, expect, it } from "vitest";
import { listChanges } from "../../../src/services/changes/index.ts";
import { updatePublisher } from "../../../src/services/publishers/index.ts";
import { deleteSoftware, updateSoftware } from "../../../src/services/software/index.ts";
import { makePublisher, makeSoftware } from "../../support/factories.ts";
import { createTestStore } from "../../support/test-db.ts";

describe("change log", () => {
  it("numbers changes strictly increasing across entities and pages after a seq", async () => {
    const { ctx } = createTestStore();
    const publisher = await makePublisher(ctx);
    const software = await makeSoftware(ctx);
    await updatePublisher({ ctx, input: { id: publisher.id, patch: { name: "Renamed" } } });
    await updateSoftware({ ctx, input: { id: software.id, patch: { active: false } } });
    await deleteSoftware({ ctx, input: { id: software.id } });
    const all = await listChanges({ ctx, input: {} });
    const seqs = all.data.map((c) => c.seq);
    expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
    expect(new Set(seqs).size).toBe(5);
    const after = await listChanges({ ctx, input: { afterSeq: seqs[1]!, limit: 2 } });
    expect(after.data.map((c) => c.seq)).toEqual(seqs.slice(2, 4));
    expect(after.lastSeq).toBe(seqs[3]);
  });

  it("never reuses a seq, even after the newest rows are gone", async () => {
    const { ctx, handle } = createTestStore();
    await makePublisher(ctx);
    const { lastSeq } = await listChanges({ ctx, input: {} });
    handle.sqlite.exec("DELETE FROM change");
    await makePublisher(ctx);
    const next = await listChanges({ ctx, input: {} });
    expect(next.data[0]!.seq).toBeGreaterThan(lastSeq);
  });

  it("rolls back the change row with a failed write", async () => {
    const { ctx } = createTestStore();
    const first = await makePublisher(ctx, { alternativeId: "urn:x:taken" });
    const before = (await listChanges({ ctx, input: {} })).lastSeq;
    const other = await makePublisher(ctx);
    await expect(
      updatePublisher({ ctx, input: { id: other.id, patch: { alternativeId: "urn:x:taken" } } }),
    ).rejects.toThrow();
    expect((await listChanges({ ctx, input: { afterSeq: before } })).data.map((c) => c.entityId)).toEqual([
      other.id,
    ]);
    expect(first.id).not.toBe(other.id);
  });
});

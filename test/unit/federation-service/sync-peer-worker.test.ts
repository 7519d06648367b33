import { describe, expect, it } from "vitest";
import { PermanentJobError } from "../../../src/queue/errors.ts";
import { createSyncPeerProcessor } from "../../../workers/sync-peer.ts";
import { startCatalogue, startFakePeer } from "./support.ts";

const job = (peerId: string) => ({ id: `sync-${peerId}`, name: "sync-peer", data: { peerId }, attempt: 1 });

describe("the sync-peer job", () => {
  it("returns the sync result when the peer synced", async () => {
    const a = await startCatalogue("a.test");
    const b = await startCatalogue("b.test");
    await a.createSoftware();
    const peerId = await b.follow(a);
    const process = createSyncPeerProcessor({ ctx: b.ctx, sync: { settings: b.settings } });
    expect(await process(job(peerId))).toMatchObject({ ok: true, applied: 1 });
  });

  it("fails for good on an unknown peer, and retryably when the peer is down", async () => {
    const a = await startCatalogue("a.test");
    const b = await startCatalogue("b.test");
    const peerId = await b.follow(a);
    const process = createSyncPeerProcessor({ ctx: b.ctx, sync: { settings: b.settings } });
    await expect(process(job("nobody.test"))).rejects.toBeInstanceOf(PermanentJobError);
    // Same peer row, now pointing at a server that only answers 503.
    const down = await startFakePeer(() => ({ status: 503, body: "{}" }));
    b.handle.sqlite.prepare("update peer set base_url = ? where id = ?").run(down.url, peerId);
    const failure = await process(job(peerId)).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(Error);
    expect(failure).not.toBeInstanceOf(PermanentJobError);
  });
});

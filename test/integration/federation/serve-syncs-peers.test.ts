// `catalogue serve` on the embedded default syncs its registered peers by itself: the peer-sync scheduler
// enqueues `sync-peer:<peerId>` and the in-process worker bootstraps from the snapshot, then follows the
// changes feed, resuming from the stored cursor after a restart. Nobody runs `catalogue sync`.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { loadConfig } from "../../../src/config.ts";
import { createDb } from "../../../src/db/index.ts";
import { silentLogger } from "../../../src/logger.ts";
import { type RunningServer, startServer } from "../../../src/node.ts";
import { createServiceContext } from "../../../src/services/context.ts";
import { addPeer, listPeers } from "../../../src/services/federation/index.ts";
import { startCatalogue, startFakePeer } from "../../unit/federation-service/support.ts";

const dir = mkdtempSync(join(tmpdir(), "catalogue-serve-sync-"));
const config = loadConfig({
  DATABASE_URL: join(dir, "b.sqlite"),
  PORT: "0",
  LOG_LEVEL: "silent",
  CATALOGUE_ID: "b.test",
  FEDERATION_KEY_FILE: join(dir, "b-key.jwk"),
  FEDERATION_ALLOW_PRIVATE_NETWORK: "true",
  SCHEDULER_TICK_SECONDS: "0.2",
});
const handle = createDb(config.DATABASE_URL);
const ctx = createServiceContext({ db: handle.db, actor: "test" });
let server: RunningServer | null = null;

afterAll(async () => {
  await server?.close();
  handle.close();
  rmSync(dir, { recursive: true, force: true });
});

const imported = () =>
  handle.sqlite
    .prepare("select count(*) as n from software where origin_catalogue_id = 'a.test' and state = 'active'")
    .get() as { n: number };
const peerA = () => listPeers(ctx).find((p) => p.id === "a.test")!;
/** What B holds from A and the peer row, read together: a run commits its pages before its final status. */
const state = () => {
  const { phase, status, recordsImported, recordsRejected } = peerA();
  return { imported: imported().n, phase, status, recordsImported, recordsRejected };
};
const synced = (n: number) => ({
  imported: n,
  phase: "changes",
  status: "ok",
  recordsImported: n,
  recordsRejected: 0,
});

describe("catalogue serve with a registered peer", () => {
  it("imports the peer's records, follows its feed, resumes after a restart and backs off when it is down", async () => {
    const a = await startCatalogue("a.test");
    await a.createSoftware();
    await a.createSoftware();
    await addPeer(ctx, { selfCatalogueId: "b.test", allowPrivateNetwork: true }, { url: a.url });

    server = await startServer({ config, logger: silentLogger });
    await expect.poll(state, { timeout: 20_000 }).toEqual(synced(2));

    // A change on A reaches B through the changes feed on a later tick.
    await a.createSoftware();
    await expect.poll(state, { timeout: 20_000 }).toEqual(synced(3));

    // Restart: the cursor stored on the peer row is where the new process continues (no second bootstrap).
    await server.close();
    server = null;
    await a.createSoftware();
    server = await startServer({ config, logger: silentLogger });
    await expect.poll(state, { timeout: 20_000 }).toEqual(synced(4));

    // The peer goes down: the failure is stored with a backoff, so the scheduler leaves it alone until then.
    const down = await startFakePeer(() => ({ status: 503, body: "{}" }));
    handle.sqlite.prepare("update peer set base_url = ? where id = 'a.test'").run(down.url);
    await expect.poll(() => peerA().status, { timeout: 20_000 }).toBe("failing");
    const failing = peerA();
    expect(Date.parse(failing.nextAttemptAt!) - Date.parse(failing.lastAttemptAt!)).toBeGreaterThanOrEqual(
      30_000,
    );
    expect(imported().n).toBe(4);
  }, 90_000);
});

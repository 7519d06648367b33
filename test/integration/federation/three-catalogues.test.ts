// A is filled through its API, B syncs from A, C syncs from B and A: all separate processes with their own
// databases, talking HTTP on 127.0.0.1. A's software is linked to A's publishers by an admin's verb on A's
// database (the open-catalog-api has no such field), so C must end with both and the links between them.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDb } from "../../../src/db/client.ts";
import { createServiceContext } from "../../../src/services/context.ts";
import { updateSoftware } from "../../../src/services/software/index.ts";
import { makePubliccode, uniqueSlug } from "../../support/factories.ts";
import { type Instance, startInstance } from "./processes.ts";

const dir = mkdtempSync(join(tmpdir(), "catalogue-federation-"));
let a: Instance;
let b: Instance;
let c: Instance;
let token: string;

type Row = {
  url: string;
  document: string;
  origin_catalogue_id: string | null;
  origin_software_id: string | null;
  id: string;
  state: string;
};
const live = (i: Instance) =>
  i.query<Row>(
    "select id, url, document, state, origin_catalogue_id, origin_software_id from software where state = 'active' order by url",
  );

async function createOnA(name: string) {
  const url = `https://github.com/${uniqueSlug("org")}/${uniqueSlug("repo")}`;
  const res = await fetch(`${a.url}/v1/software`, {
    method: "POST",
    headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
    body: JSON.stringify({ url, publiccodeYml: makePubliccode({ url, name }) }),
  });
  expect(res.status).toBe(200);
  return (await res.json()) as { id: string; url: string };
}

async function createPublisherOnA(description: string) {
  const res = await fetch(`${a.url}/v1/publishers`, {
    method: "POST",
    headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
    body: JSON.stringify({ description, codeHosting: [{ url: `https://github.com/${uniqueSlug("org")}` }] }),
  });
  expect(res.status).toBe(200);
  return (await res.json()) as { id: string };
}

/** Links software to a publisher on A, as an admin would (A's server keeps running: SQLite in WAL mode). */
async function linkOnA(links: [softwareId: string, publisherId: string][]) {
  const handle = createDb(a.env.DATABASE_URL!);
  try {
    const ctx = createServiceContext({ db: handle.db, actor: "test" });
    for (const [id, publisherId] of links)
      await updateSoftware({ ctx, input: { id, patch: { publisherId } } });
  } finally {
    handle.close();
  }
}

beforeAll(async () => {
  [a, b, c] = await Promise.all([
    startInstance(dir, "a.test"),
    startInstance(dir, "b.test"),
    startInstance(dir, "c.test"),
  ]);
  const created = await a.cli([
    "token",
    "create",
    "--name",
    "test",
    "--scope",
    "software:write",
    "--scope",
    "publishers:write",
  ]);
  token = created.stdout.trim();
  const publishers = [await createPublisherOnA("Comune di Uno"), await createPublisherOnA("Comune di Due")];
  const made = [];
  for (let i = 0; i < 12; i++) made.push(await createOnA(`Software ${i}`));
  // Two thirds linked, alternating publishers; the rest have none.
  await linkOnA(made.slice(0, 8).map((s, i) => [s.id, publishers[i % 2]!.id]));
  expect((await b.cli(["peer", "add", a.url])).code).toBe(0);
  expect((await c.cli(["peer", "add", b.url])).code).toBe(0);
  expect((await c.cli(["peer", "add", a.url])).code).toBe(0);
}, 120_000);

afterAll(() => {
  for (const i of [a, b, c]) i?.stop();
  rmSync(dir, { recursive: true, force: true });
});

describe("three catalogues", () => {
  it("survives B being killed mid-sync: after a restart B holds each of A's records exactly once", async () => {
    const child = b.spawnCli(["sync", "--peer", "a.test", "--page-size", "1"]);
    await new Promise<void>((resolve) => {
      let pages = 0;
      child.stderr!.on("data", (chunk: Buffer) => {
        pages += (chunk.toString().match(/page \d+/g) ?? []).length;
        if (pages >= 3 && child.exitCode === null) {
          child.kill("SIGKILL");
          resolve();
        }
      });
      child.on("exit", () => resolve());
    });
    const partial = live(b).length;
    expect(partial).toBeLessThan(12);
    const rest = await b.cli(["sync", "--peer", "a.test", "--page-size", "1"]);
    expect(rest.code, rest.stderr).toBe(0);
    const rows = live(b);
    expect(rows).toHaveLength(12);
    expect(new Set(rows.map((r) => r.origin_software_id)).size).toBe(12);
  }, 120_000);

  it("makes C equal to A, with provenance pointing at A", async () => {
    const synced = await c.cli(["sync"]);
    expect(synced.code, synced.stderr).toBe(0);
    const fromA = live(a);
    const onC = live(c);
    expect(onC.map((r) => r.url)).toEqual(fromA.map((r) => r.url));
    expect(onC.map((r) => JSON.parse(r.document))).toEqual(fromA.map((r) => JSON.parse(r.document)));
    expect(onC.every((r) => r.origin_catalogue_id === "a.test")).toBe(true);
    expect(onC.map((r) => r.origin_software_id)).toEqual(fromA.map((r) => r.id));
  }, 120_000);

  it("gives C A's publishers, with provenance pointing at A, and C's software linked to them", async () => {
    const pubsOnA = a.query<{ id: string; description: string }>(
      "select id, description from publisher order by id",
    );
    const pubsOnC = c.query<{
      id: string;
      description: string;
      origin_catalogue_id: string;
      origin_publisher_id: string;
    }>(
      "select id, description, origin_catalogue_id, origin_publisher_id from publisher order by origin_publisher_id",
    );
    expect(pubsOnA).toHaveLength(2);
    expect(pubsOnC.map((p) => [p.origin_publisher_id, p.description])).toEqual(
      pubsOnA.map((p) => [p.id, p.description]),
    );
    expect(pubsOnC.every((p) => p.origin_catalogue_id === "a.test")).toBe(true);
    // A software's publisher on C is C's copy of its publisher on A.
    const linksOnA = new Map(
      a
        .query<{ id: string; publisher_id: string | null }>("select id, publisher_id from software")
        .map((r) => [r.id, r.publisher_id]),
    );
    const copyOf = new Map(pubsOnC.map((p) => [p.id, p.origin_publisher_id]));
    const onC = c.query<{ origin_software_id: string; publisher_id: string | null }>(
      "select origin_software_id, publisher_id from software where state = 'active'",
    );
    expect(onC.filter((r) => r.publisher_id !== null)).toHaveLength(8);
    for (const row of onC) {
      const expected = linksOnA.get(row.origin_software_id) ?? null;
      expect(row.publisher_id === null ? null : copyOf.get(row.publisher_id)).toBe(expected);
    }
  }, 120_000);

  it("brings a change and a deletion on A to C through B in two syncs", async () => {
    const [changed, deleted] = live(a);
    const patch = await fetch(`${a.url}/v1/software/${changed!.id}`, {
      method: "PATCH",
      headers: { authorization: `Bearer ${token}`, "content-type": "application/merge-patch+json" },
      body: JSON.stringify({ publiccodeYml: makePubliccode({ url: changed!.url, name: "Changed on A" }) }),
    });
    expect(patch.status).toBe(200);
    const removal = await fetch(`${a.url}/v1/software/${deleted!.id}`, {
      method: "DELETE",
      headers: { authorization: `Bearer ${token}` },
    });
    expect(removal.status).toBeLessThan(300);
    expect((await b.cli(["sync", "--peer", "a.test"])).code).toBe(0);
    expect((await c.cli(["sync", "--peer", "b.test"])).code).toBe(0);
    const onC = c.query<{ name: string; state: string; origin_software_id: string }>(
      "select name, state, origin_software_id from software",
    );
    expect(onC.find((r) => r.origin_software_id === changed!.id)?.name).toBe("Changed on A");
    expect(onC.find((r) => r.origin_software_id === deleted!.id)?.state).toBe("withdrawn");
  }, 120_000);

  it("never loops a record back to A", async () => {
    const before = a.query<{ id: string; updated_at: number }>(
      "select id, updated_at from software order by id",
    );
    expect((await a.cli(["peer", "add", b.url])).code).toBe(0);
    const synced = await a.cli(["sync"]);
    expect(synced.code, synced.stderr).toBe(0);
    expect(synced.stdout).toMatch(/b\.test: ok; \d+ pages, 0 applied/);
    expect(a.query("select id, updated_at from software order by id")).toEqual(before);
    expect(a.query("select id from software where origin_catalogue_id is not null")).toEqual([]);
  }, 120_000);
});

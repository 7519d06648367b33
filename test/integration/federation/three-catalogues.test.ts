// A is filled through its API, B syncs from A, C syncs from B and A: all separate processes with their own
// databases, talking HTTP on 127.0.0.1.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
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

beforeAll(async () => {
  [a, b, c] = await Promise.all([
    startInstance(dir, "a.test"),
    startInstance(dir, "b.test"),
    startInstance(dir, "c.test"),
  ]);
  const created = await a.cli(["token", "create", "--name", "test", "--scope", "software:write"]);
  token = created.stdout.trim();
  for (let i = 0; i < 12; i++) await createOnA(`Software ${i}`);
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

// The fake GitLab speaks the shapes of the real API: these tests pin them with plain fetch, so a client test that
// passes against the fake is passing against GitLab's documented behaviour, not against a convenience.
import { afterEach, describe, expect, it } from "vitest";
import { type FakeGitlab, startFakeGitlab } from "../../../support/fake-forge/gitlab/server.ts";
import { computeGitBlobId, FakeGitlabWorld } from "../../../support/fake-forge/gitlab/world.ts";

describe("fake GitLab", () => {
  let fake: FakeGitlab | undefined;
  afterEach(async () => {
    await fake?.close();
    fake = undefined;
  });

  const get = (path: string, init?: RequestInit) => fetch(`${fake!.apiUrl}/${path}`, init);

  it("paginates with Link, X-Page, X-Next-Page, X-Total and X-Total-Pages", async () => {
    const world = new FakeGitlabWorld();
    const group = world.addGroup("g");
    for (let i = 0; i < 45; i++)
      world.addProject({ path: `p${i}`, namespace: { kind: "group", id: group.id } });
    fake = await startFakeGitlab({ world });

    const res = await get("groups/g/projects?per_page=20&page=2&order_by=id&sort=asc");
    const body = (await res.json()) as { path: string }[];

    expect(body.map((p) => p.path)).toEqual(Array.from({ length: 20 }, (_, i) => `p${i + 20}`));
    expect(
      Object.fromEntries(
        ["x-page", "x-per-page", "x-next-page", "x-prev-page", "x-total", "x-total-pages"].map((h) => [
          h,
          res.headers.get(h),
        ]),
      ),
    ).toEqual({
      "x-page": "2",
      "x-per-page": "20",
      "x-next-page": "3",
      "x-prev-page": "1",
      "x-total": "45",
      "x-total-pages": "3",
    });
    const link = res.headers.get("link") ?? "";
    for (const rel of ["prev", "next", "first", "last"]) expect(link).toContain(`rel="${rel}"`);
    expect(link).toContain(`${fake.webUrl}/api/v4/groups/g/projects?per_page=20&page=3`);
  });

  it("includes projects shared into a group unless with_shared=false", async () => {
    const world = new FakeGitlabWorld();
    const a = world.addGroup("a");
    const b = world.addGroup("b");
    const own = world.addProject({ path: "own", namespace: { kind: "group", id: b.id } });
    const shared = world.addProject({ path: "shared", namespace: { kind: "group", id: a.id } });
    world.shareProject(shared, b);
    fake = await startFakeGitlab({ world });

    const ids = async (q: string) =>
      ((await (await get(`groups/b/projects${q}`)).json()) as { id: number }[]).map((p) => p.id).sort();

    expect(await ids("")).toEqual([own.id, shared.id].sort());
    expect(await ids("?with_shared=false")).toEqual([own.id]);
  });

  it("answers unknown groups and projects with GitLab's 404 bodies, paths URL-encoded", async () => {
    const world = new FakeGitlabWorld();
    const top = world.addGroup("top");
    world.addGroup("sub", top);
    fake = await startFakeGitlab({ world });

    const found = await get("groups/top%2Fsub");
    const noGroup = await get("groups/top%2Fnope");
    const noProject = await get("projects/top%2Fsub%2Fp");

    expect(await found.json()).toMatchObject({ full_path: "top/sub", parent_id: top.id });
    expect([noGroup.status, await noGroup.json()]).toEqual([404, { message: "404 Group Not Found" }]);
    expect([noProject.status, await noProject.json()]).toEqual([404, { message: "404 Project Not Found" }]);
  });

  it("gives the blob id in a bodiless HEAD and the same blob with base64 bytes in GET", async () => {
    const world = new FakeGitlabWorld();
    const group = world.addGroup("g");
    const bytes = new Uint8Array([0x61, 0xe9, 0x0a]);
    const project = world.addProject({
      path: "p",
      namespace: { kind: "group", id: group.id },
      files: { "publiccode.yml": bytes },
    });
    fake = await startFakeGitlab({ world });
    const path = `projects/${project.id}/repository/files/publiccode.yml?ref=main`;

    const head = await get(path, { method: "HEAD" });
    const file = (await (await get(path)).json()) as { blob_id: string; content: string; encoding: string };
    const missing = await get(`projects/${project.id}/repository/files/publiccode.yaml?ref=main`);

    expect(head.headers.get("x-gitlab-blob-id")).toBe(computeGitBlobId(bytes));
    expect(await head.text()).toBe("");
    expect(file).toMatchObject({ blob_id: computeGitBlobId(bytes), encoding: "base64" });
    expect(new Uint8Array(Buffer.from(file.content, "base64"))).toEqual(bytes);
    expect([missing.status, await missing.json()]).toEqual([404, { message: "404 File Not Found" }]);
  });

  it("sends a weak ETag and answers If-None-Match with 304", async () => {
    const world = new FakeGitlabWorld();
    world.addGroup("g");
    fake = await startFakeGitlab({ world });

    const first = await get("groups/g");
    const etag = first.headers.get("etag") ?? "";
    const second = await get("groups/g", { headers: { "if-none-match": etag } });

    expect(etag).toMatch(/^W\/".+"$/);
    expect(second.status).toBe(304);
  });

  it("counts down RateLimit-Remaining and answers 429 with Retry-After once it is spent", async () => {
    const world = new FakeGitlabWorld();
    world.addGroup("g");
    let now = Date.parse("2026-06-01T12:00:00Z");
    fake = await startFakeGitlab({ world, rateLimit: { limit: 2, windowMs: 60_000 }, now: () => now });

    const statuses: (string | number | null)[][] = [];
    for (let i = 0; i < 3; i++) {
      const res = await get("groups/g");
      statuses.push([res.status, res.headers.get("ratelimit-remaining"), res.headers.get("retry-after")]);
    }
    now += 60_000;
    const afterReset = await get("groups/g");

    expect(statuses).toEqual([
      [200, "1", null],
      [200, "0", null],
      [429, "0", "60"],
    ]);
    expect(afterReset.status).toBe(200);
  });

  it("hides internal projects from anonymous callers and refuses an unknown token", async () => {
    const world = new FakeGitlabWorld();
    const group = world.addGroup("g");
    const inner = world.addProject({
      path: "p",
      namespace: { kind: "group", id: group.id },
      visibility: "internal",
    });
    fake = await startFakeGitlab({ world, tokens: ["good"] });

    const anonymous = await get(`projects/${inner.id}`);
    const authenticated = await get(`projects/${inner.id}`, { headers: { "private-token": "good" } });
    const wrong = await get(`projects/${inner.id}`, { headers: { authorization: "Bearer bad" } });

    expect([anonymous.status, authenticated.status, wrong.status]).toEqual([404, 200, 401]);
  });

  it("lists only top-level groups with top_level_only=true", async () => {
    const world = new FakeGitlabWorld();
    const top = world.addGroup("top");
    world.addGroup("sub", top);
    world.addGroup("other");
    fake = await startFakeGitlab({ world });

    const groups = (await (await get("groups?top_level_only=true")).json()) as { full_path: string }[];

    expect(groups.map((g) => g.full_path).sort()).toEqual(["other", "top"]);
  });
});

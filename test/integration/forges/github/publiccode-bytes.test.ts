import { afterEach, describe, expect, it } from "vitest";
import {
  type GithubHarness,
  readGithubFixture,
  startGithubHarness,
  toKnown,
} from "../../../support/fake-forge/github/index.ts";
import { GithubWorld, gitBlobSha } from "../../../support/fake-forge/github/world.ts";

describe("GitHub client publiccode bytes", () => {
  let h: GithubHarness | undefined;
  afterEach(async () => {
    await h?.close();
    h = undefined;
  });

  const latin1 = readGithubFixture("Comune-Milano__gefo.yml");
  const large = new TextEncoder().encode(`publiccodeYmlVersion: "0.4"\n${"description: x\n".repeat(200)}`);
  const binary = new Uint8Array([0x6e, 0x61, 0x6d, 0x65, 0x3a, 0x00, 0x01, 0xff]);

  it.each([
    { name: "invalid UTF-8 (a real Latin-1 file)", bytes: latin1 },
    { name: "a truncated blob", bytes: large },
    { name: "a binary blob", bytes: binary },
  ])("fetches $name once over REST and returns the exact bytes", async ({ bytes }) => {
    const world = new GithubWorld();
    world.addRepository("acme/odd", { files: { "publiccode.yml": bytes } });
    world.addRepository("acme/plain", { files: { "publiccode.yml": "name: plain\n" } });
    h = await startGithubHarness({ world, textLimitBytes: 1024 });

    const byName = new Map((await h.list("acme")).map((r) => [r.fullPath, r.publiccode]));

    expect(byName.get("acme/odd")).toEqual({ path: "publiccode.yml", blobSha: gitBlobSha(bytes), bytes });
    expect(new TextDecoder().decode(byName.get("acme/plain")?.bytes)).toBe("name: plain\n");
    expect(h.fake.counts.byKind).toEqual({ graphql: 1, "rest:blob": 1 });
  });

  it("keeps a UTF-8 byte-order mark and CRLF line ends without any REST fetch", async () => {
    const bom = new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode("name: bom\r\n")]);
    const world = new GithubWorld();
    world.addRepository("acme/bom", { files: { "publiccode.yml": bom } });
    h = await startGithubHarness({ world });

    const [repo] = await h.list("acme");

    expect(repo?.publiccode?.bytes).toEqual(bom);
    expect(h.fake.counts.byKind).toEqual({ graphql: 1 });
  });

  it("skips the REST fetch when the harvester already holds that blob, and says so", async () => {
    const world = new GithubWorld();
    world.addRepository("acme/odd", { files: { "publiccode.yml": latin1 } });
    h = await startGithubHarness({ world });
    const first = await h.list("acme");
    h.fake.resetCounts();

    const [again] = await h.list("acme", { known: toKnown(first) });

    expect(again?.publiccodeNotModified).toBe(true);
    expect(again?.publiccode).toMatchObject({ path: "publiccode.yml", blobSha: gitBlobSha(latin1) });
    expect(h.fake.counts.byKind).toEqual({ graphql: 1 });
  });

  it("fetches again over REST when the file changed since the known crawl", async () => {
    const world = new GithubWorld();
    world.addRepository("acme/odd", { files: { "publiccode.yml": latin1 } });
    h = await startGithubHarness({ world });
    const first = await h.list("acme");
    const changed = new Uint8Array([...latin1, 0x0a, 0xe9, 0x0a]);
    world.setFile("acme/odd", "publiccode.yml", changed);

    const [again] = await h.list("acme", { known: toKnown(first) });

    expect(again?.publiccodeNotModified).toBeUndefined();
    expect(again?.publiccode?.bytes).toEqual(changed);
    expect(h.fake.counts.byKind["rest:blob"]).toBe(2);
  });

  it("sees a removed file as no publiccode at all", async () => {
    const world = new GithubWorld();
    world.addRepository("acme/app", { files: { "publiccode.yml": "name: app\n", "README.md": "x" } });
    h = await startGithubHarness({ world });
    world.removeFile("acme/app", "publiccode.yml");

    const [repo] = await h.list("acme");

    expect(repo?.publiccode).toBeNull();
  });
});

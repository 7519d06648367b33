// `catalogue crawl` end to end: a database file in a temp dir, a forge registered with its API pointed at the
// fake GitHub and its token in an environment variable, publishers added through the CLI.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createDb } from "../../../src/db/client.ts";
import { runCli } from "../../support/cli.ts";
import { makePubliccode } from "../../support/factories.ts";
import { type FakeGithub, GithubWorld, startFakeGithub } from "../../support/fake-forge/github/index.ts";

describe("catalogue crawl", () => {
  let dir: string;
  let fake: FakeGithub;
  let env: Record<string, string>;

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), "crawl-cli-"));
    const world = new GithubWorld();
    world.addRepository("acme/app", {
      files: { "publiccode.yml": makePubliccode({ url: "https://github.com/acme/app" }) },
    });
    world.addRepository("acme/lib", { files: { "README.md": "# lib\n" } });
    world.addRepository("beta/tool", { files: { "publiccode.yml": "publiccodeYmlVersion: [broken\n" } });
    fake = await startFakeGithub({ world, tokens: { "ghp-cli": {} } });
    env = { DATABASE_URL: join(dir, "catalogue.sqlite"), LOG_LEVEL: "silent", GH_TOKEN: "ghp-cli" };
    const setup = [
      [
        "forge",
        "add",
        "--kind",
        "github",
        "--url",
        "https://github.com",
        "--api",
        fake.apiUrl,
        "--token-env",
        "GH_TOKEN",
      ],
      ["publisher", "add", "--name", "Acme", "--url", "https://github.com/acme"],
      ["publisher", "add", "--name", "Beta", "--url", "https://github.com/beta"],
    ];
    for (const args of setup) expect((await runCli(args, { env })).code).toBe(0);
  });
  afterEach(async () => {
    await fake.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it("crawls every source, prints one line per source off a terminal and a summary, and exits 0", async () => {
    const run = await runCli(["crawl"], { env });

    expect(run.code).toBe(0);
    expect(run.stderr).toMatch(/crawled https:\/\/github.com\/acme: 2 repositories, 1 files, 1 new/);
    expect(run.stderr).toMatch(
      /crawled https:\/\/github.com\/beta: 1 repositories, 1 files, 1 new, .* 1 invalid/,
    );
    expect(run.stdout).toMatch(/repositories: +3/);
    expect(run.stdout).toMatch(/files found: +2/);
    expect(run.stdout).toMatch(/new: +2/);
    expect(run.stdout).toMatch(/invalid: +1/);
    expect(run.stdout).toMatch(/requests: +github.com 2/);
    expect(run.stdout).toMatch(/time: +\d+\.\d s/);
    const handle = createDb(env.DATABASE_URL!);
    const n = handle.sqlite.prepare("SELECT count(*) AS n FROM software").get() as { n: number };
    handle.close();
    expect(n.n).toBe(2);
  });

  it("crawls only the named source with --source, and reports it unchanged the second time", async () => {
    await runCli(["crawl", "--source", "https://github.com/acme"], { env });
    const run = await runCli(["crawl", "--source", "http://www.github.com/acme/"], { env });

    expect(run.code).toBe(0);
    expect(run.stderr).not.toMatch(/beta/);
    expect(run.stdout).toMatch(/unchanged: +2/);
    expect(run.stdout).toMatch(/new: +0/);
  });

  it("exits 1 when a source fails, after crawling the others", async () => {
    expect(
      (await runCli(["publisher", "add", "--name", "Ghost", "--url", "https://github.com/ghost"], { env }))
        .code,
    ).toBe(0);

    const run = await runCli(["crawl"], { env });

    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/failed +https:\/\/github.com\/ghost/);
    expect(run.stdout).toMatch(/sources: +3 \(1 failed\)/);
    expect(run.stdout).toMatch(/new: +2/);
  });

  it("exits 2 for a --publisher that does not exist", async () => {
    const run = await runCli(["crawl", "--publisher", "nobody"], { env });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/publisher nobody does not exist/);
  });

  it("exits 2 for a --source that is not registered", async () => {
    const run = await runCli(["crawl", "--source", "https://github.com/nobody"], { env });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/no registered source https:\/\/github.com\/nobody/);
  });
});

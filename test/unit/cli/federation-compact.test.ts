import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { createDb } from "../../../src/db/client.ts";
import { change, changeCompaction } from "../../../src/db/schema/index.ts";
import { fixedClock } from "../../../src/lib/clock.ts";
import { createServiceContext } from "../../../src/services/context.ts";
import { createSoftware, deleteSoftware } from "../../../src/services/software/index.ts";
import { runCli } from "../../support/cli.ts";
import { makePubliccode } from "../../support/factories.ts";

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

const silent = { LOG_LEVEL: "silent" };

describe("catalogue federation compact", () => {
  it("deletes tombstones and superseded entries older than the retention and reports the horizon", async () => {
    const cwd = mkdtempSync(join(tmpdir(), "catalogue-compact-"));
    dirs.push(cwd);
    const env = {
      DATABASE_URL: join(cwd, "c.sqlite"),
      FEDERATION_KEY_FILE: join(cwd, "key.jwk"),
      CATALOGUE_ID: "cli.test",
    };
    const handle = createDb(env.DATABASE_URL);
    const ctx = createServiceContext({
      db: handle.db,
      actor: "test",
      clock: fixedClock(new Date(Date.now() - 200 * 86_400_000)),
    });
    const url = "https://github.com/cli-org/old-repo";
    const old = await createSoftware({ ctx, input: { url, publiccodeYml: makePubliccode({ url }) } });
    await deleteSoftware({ ctx, input: { id: old.id } });
    const keptUrl = "https://github.com/cli-org/kept-repo";
    await createSoftware({ ctx, input: { url: keptUrl, publiccodeYml: makePubliccode({ url: keptUrl }) } });
    handle.close();

    const recent = await runCli(["federation", "compact"], {
      cwd,
      env: { ...silent, ...env, TOMBSTONE_RETENTION_DAYS: "365" },
    });
    expect(recent.code, recent.stderr).toBe(0);
    expect(recent.stdout).toMatch(/: 0 removed, horizon seq 0\n$/);

    const run = await runCli(["federation", "compact"], { cwd, env: { ...silent, ...env } });
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/: 2 removed, horizon seq 2\n$/);
    const after = createDb(env.DATABASE_URL);
    expect(after.db.select({ seq: change.seq }).from(change).all()).toEqual([{ seq: 3 }]);
    expect(after.db.select().from(changeCompaction).get()).toMatchObject({ horizonSeq: 2, lastRemoved: 2 });
    after.close();

    const bad = await runCli(["federation", "compact", "--retention-days", "0"], {
      cwd,
      env: { ...silent, ...env },
    });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain("--retention-days");
  });
});

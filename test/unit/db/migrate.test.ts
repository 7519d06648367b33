import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PassThrough } from "node:stream";
import Database from "better-sqlite3";
import { afterEach, describe, expect, it } from "vitest";
import type { CliIo } from "../../../src/cli/io.ts";
import { main } from "../../../src/cli/main.ts";
import { createDb } from "../../../src/db/client.ts";

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function io(cwd: string, env: Record<string, string> = {}): CliIo & { out: () => string; err: () => string } {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = "";
  let err = "";
  stdout.on("data", (c) => (out += c));
  stderr.on("data", (c) => (err += c));
  return {
    stdout,
    stderr,
    stdin: new PassThrough(),
    env: { LOG_LEVEL: "silent", ...env },
    cwd,
    out: () => out,
    err: () => err,
  };
}

describe("catalogue migrate", () => {
  it("creates ./data and a migrated database in a fresh checkout, twice without error", async () => {
    const cwd = mkdtempSync(join(tmpdir(), "catalogue-migrate-"));
    dirs.push(cwd);
    expect(await main(["node", "catalogue", "migrate"], io(cwd))).toBe(0);
    expect(await main(["node", "catalogue", "migrate"], io(cwd))).toBe(0);
    const file = join(cwd, "data", "catalogue.sqlite");
    expect(existsSync(file)).toBe(true);
    const db = new Database(file, { readonly: true });
    const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").pluck().all();
    db.close();
    expect(tables).toEqual(
      expect.arrayContaining(["software", "publisher", "change", "software_fts", "token"]),
    );
  });
});

describe("catalogue token, forge and publisher", () => {
  it("creates a token whose secret verifies, revokes it, and adds a forge and a publisher", async () => {
    const cwd = mkdtempSync(join(tmpdir(), "catalogue-cli-"));
    dirs.push(cwd);
    const env = { DATABASE_URL: join(cwd, "c.sqlite") };
    const create = io(cwd, env);
    expect(
      await main(
        [
          "node",
          "catalogue",
          "token",
          "create",
          "--name",
          "ci",
          "--scope",
          "software:write",
          "--scope",
          "admin",
        ],
        create,
      ),
    ).toBe(0);
    const secret = create.out().trim();
    expect(secret).toMatch(/^pcat_/);
    const id = /token (\S+) created/.exec(create.err())![1]!;
    expect(await main(["node", "catalogue", "token", "revoke", id], io(cwd, env))).toBe(0);
    const bad = io(cwd, env);
    expect(await main(["node", "catalogue", "token", "create", "--name", "x", "--scope", "root"], bad)).toBe(
      2,
    );

    const forge = io(cwd, env);
    expect(
      await main(
        ["node", "catalogue", "forge", "add", "--kind", "gitlab", "--url", "https://gitlab.example.org"],
        forge,
      ),
    ).toBe(0);
    const list = io(cwd, env);
    expect(await main(["node", "catalogue", "forge", "list"], list)).toBe(0);
    expect(list.out()).toContain("https://gitlab.example.org/api/v4");
    const pub = io(cwd, env);
    expect(
      await main(
        [
          "node",
          "catalogue",
          "publisher",
          "add",
          "--name",
          "Comune",
          "--url",
          "https://gitlab.example.org/comune",
          "--country",
          "it",
        ],
        pub,
      ),
    ).toBe(0);
    const dup = io(cwd, env);
    expect(
      await main(
        [
          "node",
          "catalogue",
          "publisher",
          "add",
          "--name",
          "Again",
          "--url",
          "https://gitlab.example.org/comune",
        ],
        dup,
      ),
    ).toBe(2);
    expect(dup.err()).toMatch(/already belongs/);

    const { sqlite, close } = createDb(env.DATABASE_URL);
    expect(sqlite.prepare("SELECT revoked_at IS NOT NULL FROM token WHERE id = ?").pluck().get(id)).toBe(1);
    expect(sqlite.prepare("SELECT country FROM publisher").pluck().all()).toEqual(["IT"]);
    close();
  });
});

import { mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { BACKSTOP_AUTOCHECKPOINT_PAGES } from "../../../src/db/checkpointer.ts";
import { createDb, type DbHandle } from "../../../src/db/client.ts";

const opened: DbHandle[] = [];
const dirs: string[] = [];

afterEach(() => {
  for (const handle of opened.splice(0)) handle.close();
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function openFile(options: { backgroundCheckpoints?: boolean } = {}) {
  const dir = mkdtempSync(join(tmpdir(), "checkpointer-"));
  dirs.push(dir);
  const path = join(dir, "db.sqlite");
  const handle = createDb({ url: path, ...options });
  opened.push(handle);
  return { handle, path };
}

/** About 2 MB in the WAL: more than SQLite's default threshold would leave there, far below the backstop. */
function writeTwoMegabytes(handle: DbHandle): void {
  handle.sqlite.exec("CREATE TABLE filler (bytes BLOB)");
  const insert = handle.sqlite.prepare("INSERT INTO filler VALUES (randomblob(4000))");
  handle.sqlite.transaction(() => {
    for (let i = 0; i < 500; i++) insert.run();
  })();
}

async function eventually(check: () => boolean, deadlineMs = 10_000): Promise<boolean> {
  const until = Date.now() + deadlineMs;
  while (Date.now() < until) {
    if (check()) return true;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return check();
}

describe("background WAL checkpoints", () => {
  it("copy committed pages into the database file without the writer checkpointing", async () => {
    const { handle, path } = openFile();
    // The writer's own threshold is only the backstop, so the copy below is the worker's.
    expect(handle.sqlite.pragma("wal_autocheckpoint", { simple: true })).toBe(BACKSTOP_AUTOCHECKPOINT_PAGES);
    const before = statSync(path).size;
    writeTwoMegabytes(handle);
    expect(await eventually(() => statSync(path).size >= before + 2_000_000)).toBe(true);
    expect(handle.sqlite.prepare("SELECT count(*) AS n FROM filler").get()).toEqual({ n: 500 });
  });

  it("are off on request, leaving SQLite's own threshold in charge", () => {
    const { handle } = openFile({ backgroundCheckpoints: false });
    expect(handle.sqlite.pragma("wal_autocheckpoint", { simple: true })).toBe(1000);
  });

  it("leave an in-memory database alone (it has no WAL)", () => {
    const handle = createDb(":memory:");
    opened.push(handle);
    expect(handle.sqlite.pragma("journal_mode", { simple: true })).toBe("memory");
  });
});

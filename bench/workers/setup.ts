// One benchmark run's store: a fresh SQLite file holding the fake forge and one publisher whose sources are the
// world's organisations; and the poll that says when every source has been crawled.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createDb, type DbHandle } from "../../src/db/client.ts";
import { createServiceContext, type ServiceContext } from "../../src/services/context.ts";
import { addForge } from "../../src/services/forges/index.ts";
import { createPublisher } from "../../src/services/publishers/index.ts";
import { listSources } from "../../src/services/sources/index.ts";

export const tokenEnv = "BENCH_GITHUB_TOKEN";
export const token = "bench-token";

export interface RunStore {
  databaseUrl: string;
  handle: DbHandle;
  ctx: ServiceContext;
  sourceIds: string[];
  close(): void;
}

export async function createRunStore(webUrl: string, logins: string[]): Promise<RunStore> {
  const dir = mkdtempSync(join(tmpdir(), "bench-workers-"));
  const databaseUrl = join(dir, "catalogue.sqlite");
  const handle = createDb(databaseUrl);
  const ctx = createServiceContext({ db: handle.db, actor: "bench" });
  const web = webUrl.replace(/\/+$/, "");
  await addForge({ ctx, input: { kind: "github", url: web, apiUrl: `${web}/api/v3`, tokenEnv } });
  const publisher = await createPublisher({
    ctx,
    input: { name: "bench", codeHosting: logins.map((login) => ({ url: `${web}/${login}` })) },
  });
  return {
    databaseUrl,
    handle,
    ctx,
    sourceIds: publisher.codeHosting.map((s) => s.id),
    close() {
      handle.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/**
 * Resolves when every source has been crawled without error. A crawl that failed and is being retried (its job
 * backs off and runs again) shows its error meanwhile, so errors only count once the deadline passes.
 */
export async function waitUntilCrawled(
  store: RunStore,
  timeoutMs = 600_000,
): Promise<{ retriedErrors: Set<string> }> {
  const deadline = Date.now() + timeoutMs;
  const retriedErrors = new Set<string>();
  for (;;) {
    const rows = await listSources({ ctx: store.ctx, input: {} });
    for (const row of rows) if (row.lastError) retriedErrors.add(row.lastError);
    if (rows.every((row) => row.lastCrawledAt !== null && row.lastError === null)) return { retriedErrors };
    if (Date.now() > deadline) {
      const failed = rows.filter((row) => row.lastError).map((row) => `${row.url}: ${row.lastError}`);
      throw new Error(`the harvest did not finish in time; ${failed.join("; ")}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Rows the harvest wrote, as a check that every run did the same work. */
export function countHarvest(store: RunStore): { repositories: number; software: number } {
  const one = (sql: string) => (store.handle.sqlite.prepare(sql).get() as { n: number }).n;
  return {
    repositories: one("SELECT COUNT(*) AS n FROM repository"),
    software: one("SELECT COUNT(*) AS n FROM software"),
  };
}

// A synthetic GitHub world served by the fake GitHub (Enterprise layout on its own 127.0.0.1 origin, so worker
// child processes reach it), registered in an SQLite file as a forge with one publisher whose sources are the
// world's organisations; plus the checks that a finished harvest of that world must pass.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createDb, type DbHandle } from "../../../../src/db/client.ts";
import { createServiceContext, type ServiceContext } from "../../../../src/services/context.ts";
import { addForge } from "../../../../src/services/forges/index.ts";
import { createPublisher } from "../../../../src/services/publishers/index.ts";
import { uniqueSlug } from "../../../support/factories.ts";
import {
  buildSyntheticWorld,
  type FakeGithub,
  type GithubWorld,
  gitBlobSha,
  startFakeGithub,
} from "../../../support/fake-forge/github/index.ts";

export const tokenEnv = "FAKE_GITHUB_TOKEN";
export const token = "ghp-worker-test";

export interface HarvestWorld {
  dir: string;
  databaseUrl: string;
  handle: DbHandle;
  ctx: ServiceContext;
  fake: FakeGithub;
  world: GithubWorld;
  sourceIds: string[];
  close(): Promise<void>;
}

export interface HarvestWorldOptions {
  orgs: number;
  reposPerOrg: number;
  latencyMs: number;
  /** Repositories per GraphQL page: smaller pages make a crawl take more round trips. */
  pageSizeCap?: number;
  seed?: number;
}

export async function startHarvestWorld(options: HarvestWorldOptions): Promise<HarvestWorld> {
  const world = buildSyntheticWorld({
    orgs: options.orgs,
    reposPerOrg: options.reposPerOrg,
    fileRatio: 0.7,
    seed: options.seed ?? 11,
  });
  const fake = await startFakeGithub({
    world,
    tokens: { [token]: { limit: 1_000_000 } },
    faults: { latencyMs: options.latencyMs },
    ...(options.pageSizeCap ? { pageSizeCap: options.pageSizeCap } : {}),
  });
  const dir = mkdtempSync(join(tmpdir(), "catalogue-workers-"));
  const databaseUrl = join(dir, "catalogue.sqlite");
  const handle = createDb(databaseUrl);
  const ctx = createServiceContext({ db: handle.db, actor: "test" });
  const web = fake.enterpriseWebUrl.replace(/\/+$/, "");
  await addForge({ ctx, input: { kind: "github", url: web, apiUrl: `${web}/api/v3`, tokenEnv } });
  const logins = [...world.owners.values()].map((o) => o.login);
  const publisher = await createPublisher({
    ctx,
    input: {
      name: uniqueSlug("publisher"),
      codeHosting: logins.map((login) => ({ url: `${web}/${login}` })),
    },
  });
  return {
    dir,
    databaseUrl,
    handle,
    ctx,
    fake,
    world,
    sourceIds: publisher.codeHosting.map((s) => s.id),
    async close() {
      handle.close();
      await fake.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Blob sha of each repository's publiccode file, by `owner/name`. */
export function expectedFiles(world: GithubWorld): Map<string, { sha: string; isFork: boolean }> {
  const files = new Map<string, { sha: string; isFork: boolean }>();
  for (const repo of world.repositories.values()) {
    const bytes = repo.files.get("publiccode.yml") ?? repo.files.get("publiccode.yaml");
    if (bytes) files.set(`${repo.owner}/${repo.name}`, { sha: gitBlobSha(bytes), isFork: repo.isFork });
  }
  return files;
}

export interface HarvestFacts {
  repositories: { url: string; blobSha: string | null; forgeRepoId: string }[];
  /** Each software with the blob sha its repository row holds and the shas of its recorded versions. */
  software: {
    id: string;
    url: string;
    repositoryBlobSha: string | null;
    versions: number;
    versionShas: string[];
  }[];
  orphanRepositoriesWithBlob: number;
  sources: { id: string; lastCrawledAt: number | null; lastError: string | null }[];
}

/** What the store holds after a harvest, read with plain SQL so the checks depend on no verb. */
export function readHarvest(handle: DbHandle): HarvestFacts {
  const db = handle.sqlite;
  const repositories = db
    .prepare("SELECT url, publiccode_blob_sha AS blobSha, forge_repo_id AS forgeRepoId FROM repository")
    .all() as HarvestFacts["repositories"];
  const software = (
    db
      .prepare(
        `SELECT s.id, s.url, r.publiccode_blob_sha AS repositoryBlobSha, COUNT(v.id) AS versions,
           GROUP_CONCAT(v.blob_sha) AS shas
         FROM software s
         LEFT JOIN repository r ON r.id = s.repository_id
         LEFT JOIN software_version v ON v.software_id = s.id
         GROUP BY s.id`,
      )
      .all() as {
      id: string;
      url: string;
      repositoryBlobSha: string | null;
      versions: number;
      shas: string | null;
    }[]
  ).map(({ shas, ...row }) => ({ ...row, versionShas: shas ? shas.split(",") : [] }));
  const orphan = db
    .prepare(
      `SELECT COUNT(*) AS n FROM repository r WHERE r.publiccode_blob_sha IS NOT NULL
         AND NOT EXISTS (SELECT 1 FROM software s WHERE s.repository_id = r.id)`,
    )
    .get() as { n: number };
  const sources = db
    .prepare("SELECT id, last_crawled_at AS lastCrawledAt, last_error AS lastError FROM code_hosting")
    .all() as HarvestFacts["sources"];
  return { repositories, software, orphanRepositoriesWithBlob: orphan.n, sources };
}

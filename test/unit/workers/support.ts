// A forge, a publisher with one source on it, and scripted forge clients, for the worker tests.
import type { ForgeRow } from "../../../src/db/schema/index.ts";
import type { ForgeClient, RepositoryFacts } from "../../../src/forges/types.ts";
import type { ServiceContext } from "../../../src/services/context.ts";
import { addForge } from "../../../src/services/forges/index.ts";
import { makePublisher, uniqueSlug } from "../../support/factories.ts";

export async function makeSourceOnForge(ctx: ServiceContext) {
  const host = `${uniqueSlug("ghe")}.example.org`;
  const forge = await addForge({ ctx, input: { kind: "github", url: `https://${host}` } });
  const publisher = await makePublisher(ctx, {
    codeHosting: [{ url: `https://${host}/${uniqueSlug("org")}` }],
  });
  return { forge, publisher, source: publisher.codeHosting[0]! };
}

export function factsOf(url: string, bytes: string | null): RepositoryFacts {
  return {
    kind: "github",
    forgeRepoId: `R_${url}`,
    url,
    fullPath: new URL(url).pathname.slice(1),
    defaultBranch: "main",
    isFork: false,
    forkParentUrl: null,
    isArchived: false,
    isPrivate: false,
    isDisabled: false,
    isEmpty: false,
    pushedAt: "2026-01-01T00:00:00Z",
    publiccode: bytes
      ? { path: "publiccode.yml", blobSha: `sha-${url}`, bytes: new TextEncoder().encode(bytes) }
      : null,
  };
}

/** A client whose listing yields `repos` and then, if given, throws `error`. */
export function scriptedClient(forge: ForgeRow, repos: RepositoryFacts[], error?: Error): ForgeClient {
  let requests = 0;
  return {
    endpoint: { kind: "github", webUrl: forge.webUrl, apiUrl: forge.apiUrl, tokens: [] },
    requestCount: () => requests,
    scanRepository: async () => null,
    async *listSource() {
      for (const repo of repos) {
        requests += 1;
        yield repo;
      }
      if (error) throw error;
    },
  };
}

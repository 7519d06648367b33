// The incumbent's way of crawling GitHub (italia/publiccode-crawler), written plainly against the REST API so it
// can be measured on the same fake forge: list an organisation's repositories 100 per page, then for every
// repository GET the repository, GET the contents of publiccode.yml (a 404 when there is none) and, when there
// is one, download the raw file. It keeps no state between crawls, so a re-crawl costs the same as the first.
// Several repositories are handled at once (like the incumbent's worker pool) so the run takes minutes, not hours.

export interface BaselineOptions {
  /** REST base of the forge, e.g. the fake's apiUrl. */
  apiUrl: string;
  token: string;
  owners: string[];
  /** Repositories handled at once (default 16). */
  concurrency?: number;
}

export interface BaselineFigures {
  repositories: number;
  files: number;
  /** Requests sent, counted by the client. */
  requests: number;
}

interface RepoJson {
  full_name: string;
  default_branch: string;
}

const FILE_NAMES = ["publiccode.yml"];

export async function crawlLikeIncumbent(options: BaselineOptions): Promise<BaselineFigures> {
  const figures: BaselineFigures = { repositories: 0, files: 0, requests: 0 };
  const get = async (url: string, accept = "application/vnd.github+json"): Promise<Response> => {
    figures.requests += 1;
    return fetch(url, { headers: { authorization: `Bearer ${options.token}`, accept } });
  };
  for (const owner of options.owners) {
    const repos: RepoJson[] = [];
    let next: string | null = `${options.apiUrl}/orgs/${owner}/repos?per_page=100&page=1`;
    while (next) {
      const res: Response = await get(next);
      repos.push(...((await res.json()) as RepoJson[]));
      next = /<([^>]+)>;\s*rel="next"/.exec(res.headers.get("link") ?? "")?.[1] ?? null;
    }
    figures.repositories += repos.length;
    await forEachAtOnce(repos, options.concurrency ?? 16, async (repo) => {
      const meta = await get(`${options.apiUrl}/repos/${repo.full_name}`);
      await meta.arrayBuffer();
      for (const name of FILE_NAMES) {
        const contents = await get(
          `${options.apiUrl}/repos/${repo.full_name}/contents/${name}?ref=${repo.default_branch}`,
        );
        await contents.arrayBuffer();
        if (contents.status !== 200) continue;
        // The incumbent then downloads the file itself (download_url on raw.githubusercontent.com).
        const raw = await get(
          `${options.apiUrl}/repos/${repo.full_name}/contents/${name}?ref=${repo.default_branch}`,
          "application/vnd.github.raw",
        );
        await raw.arrayBuffer();
        figures.files += 1;
      }
    });
  }
  return figures;
}

async function forEachAtOnce<T>(items: T[], limit: number, fn: (item: T) => Promise<void>): Promise<void> {
  let index = 0;
  const worker = async () => {
    while (index < items.length) await fn(items[index++]!);
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}

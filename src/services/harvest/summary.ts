// What one crawl did, for the CLI summary, job results and logs.

export interface CrawlSummary {
  sourceUrl: string;
  /** Repositories the forge listed for the source. */
  repositories: number;
  /** Repositories with a publiccode file. */
  filesFound: number;
  /** Software seen for the first time. */
  created: number;
  /** New version of a known file (valid or invalid), or changed repository facts. */
  updated: number;
  /** Nothing changed: nothing parsed, nothing written. */
  unchanged: number;
  /** Versions that did not validate (counted in created/updated too). */
  invalid: number;
  /** Repositories whose file's `url` points at another repository: recorded, not listed as software. */
  technicalForks: number;
  /** Software that ended: repository gone, file removed, archived, left the publisher. */
  ended: number;
  /** Requests made to the forge during this crawl. */
  requests: number;
  durationMs: number;
  /** Set when the crawl stopped early; repositories not reached are left as they were. */
  error: string | null;
}

export function emptySummary(sourceUrl: string): CrawlSummary {
  return {
    sourceUrl,
    repositories: 0,
    filesFound: 0,
    created: 0,
    updated: 0,
    unchanged: 0,
    invalid: 0,
    technicalForks: 0,
    ended: 0,
    requests: 0,
    durationMs: 0,
    error: null,
  };
}

/** Adds up several crawls' summaries (the CLI's total line). */
export function addSummaries(
  summaries: CrawlSummary[],
): Omit<CrawlSummary, "sourceUrl" | "error"> & { errors: number } {
  const total = { ...emptySummary(""), errors: 0 };
  for (const s of summaries) {
    total.repositories += s.repositories;
    total.filesFound += s.filesFound;
    total.created += s.created;
    total.updated += s.updated;
    total.unchanged += s.unchanged;
    total.invalid += s.invalid;
    total.technicalForks += s.technicalForks;
    total.ended += s.ended;
    total.requests += s.requests;
    total.durationMs += s.durationMs;
    if (s.error) total.errors += 1;
  }
  const { sourceUrl: _url, error: _error, ...rest } = total;
  return rest;
}

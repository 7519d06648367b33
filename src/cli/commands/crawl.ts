// `catalogue crawl [--publisher ID] [--source URL]`: one harvest, in-process, of every code-hosting source (or
// of one publisher's, or of one source). A progress bar on a terminal, one plain line per source otherwise, then
// a summary. Exit 1 when any source failed (the others are still crawled and written).

import { SingleBar } from "cli-progress";
import type { Command } from "commander";
import type { CodeHostingRow, ForgeRow } from "../../db/schema/index.ts";
import { createForgeClient } from "../../forges/create-client.ts";
import type { ForgeClient } from "../../forges/types.ts";
import { canonicalUrl } from "../../lib/url.ts";
import { MemoryHostBudget } from "../../queue/host-budget/memory.ts";
import { addSummaries, type CrawlSummary, crawlSource, emptySummary } from "../../services/harvest/index.ts";
import { listSources } from "../../services/sources/index.ts";
import { type CliIo, ExitCode, UsageError } from "../io.ts";
import type { RegisterCommand } from "./index.ts";
import { withStore } from "./migrate.ts";

interface CrawlOptions {
  publisher?: string;
  source?: string;
}

export const registerCrawl: RegisterCommand = (program: Command, io: CliIo, setExitCode) => {
  program
    .command("crawl")
    .description("Harvest publiccode.yml files from the registered sources (all of them by default)")
    .option("--publisher <id>", "only this publisher's sources (id or alternativeId)")
    .option("--source <url>", "only this code-hosting source")
    .action((options: CrawlOptions) =>
      withStore(io, async ({ ctx }) => {
        const sources = await selectSources(ctx, options);
        const clients = new Map<string, { host: string; client: ForgeClient }>();
        // One budget for the run: every source on a host shares its rate limit.
        const budget = new MemoryHostBudget();
        const clientFor = (forge: ForgeRow) => {
          const cached = clients.get(forge.id);
          if (cached) return cached.client;
          const client = createForgeClient(forge, { secrets: io.env, budget });
          clients.set(forge.id, { host: forge.host, client });
          return client;
        };
        const progress = createProgress(io, sources.length);
        const started = Date.now();
        const summaries: CrawlSummary[] = [];
        for (const source of sources) {
          const summary = await crawlSource({
            ctx,
            input: { sourceId: source.id },
            deps: { clientFor, onRepository: () => progress.repository() },
          }).catch((error: unknown) => failedSummary(source, error));
          summaries.push(summary);
          progress.source(summary);
        }
        progress.stop();
        const perForge = [...clients.values()].map(({ host, client }) => `${host} ${client.requestCount()}`);
        io.stdout.write(formatTotals(summaries, perForge, Date.now() - started));
        if (summaries.some((s) => s.error)) setExitCode(ExitCode.failure);
      }),
    );
};

async function selectSources(
  ctx: Parameters<typeof listSources>[0]["ctx"],
  options: CrawlOptions,
): Promise<CodeHostingRow[]> {
  const all = await listSources({
    ctx,
    input: { limit: 10_000, ...(options.publisher ? { publisherId: options.publisher } : {}) },
  });
  if (options.publisher && all.length === 0) {
    throw new UsageError(`publisher ${options.publisher} does not exist or has no code-hosting source`);
  }
  if (!options.source) return all;
  let wanted: string;
  try {
    wanted = canonicalUrl(options.source);
  } catch {
    throw new UsageError(`--source is not a URL: ${options.source}`);
  }
  const matching = all.filter((s) => s.url === wanted);
  if (matching.length === 0) throw new UsageError(`no registered source ${wanted}`);
  return matching;
}

/** A source that could not even start (unknown forge, bad token variable) still shows in the summary. */
function failedSummary(source: CodeHostingRow, error: unknown): CrawlSummary {
  return { ...emptySummary(source.url), error: error instanceof Error ? error.message : String(error) };
}

interface Progress {
  repository(): void;
  source(summary: CrawlSummary): void;
  stop(): void;
}

function createProgress(io: CliIo, sources: number): Progress {
  if (!io.stderr.isTTY) {
    return {
      repository: () => {},
      source: (s) => io.stderr.write(`${formatSource(s)}\n`),
      stop: () => {},
    };
  }
  const bar = new SingleBar({
    stream: io.stderr,
    format: "crawl [{bar}] {value}/{total} sources | {repositories} repositories | {current}",
    hideCursor: true,
  });
  let repositories = 0;
  bar.start(sources, 0, { repositories, current: "" });
  return {
    repository: () => bar.update({ repositories: ++repositories }),
    source: (s) => {
      if (s.error) bar.stop();
      if (s.error) io.stderr.write(`${formatSource(s)}\n`);
      bar.increment({ current: s.sourceUrl });
    },
    stop: () => bar.stop(),
  };
}

function formatSource(s: CrawlSummary): string {
  const counts = `${s.repositories} repositories, ${s.filesFound} files, ${s.created} new, ${s.updated} updated, ${s.unchanged} unchanged, ${s.invalid} invalid, ${s.ended} gone, ${s.requests} requests`;
  return s.error ? `failed  ${s.sourceUrl}: ${s.error} (${counts})` : `crawled ${s.sourceUrl}: ${counts}`;
}

function formatTotals(summaries: CrawlSummary[], perForge: string[], ms: number): string {
  const t = addSummaries(summaries);
  return [
    `sources:       ${summaries.length} (${t.errors} failed)`,
    `repositories:  ${t.repositories}`,
    `files found:   ${t.filesFound}`,
    `new:           ${t.created}`,
    `updated:       ${t.updated}`,
    `unchanged:     ${t.unchanged}`,
    `invalid:       ${t.invalid}`,
    `gone:          ${t.ended} (deleted, file removed, archived or left the publisher)`,
    `forks:         ${t.technicalForks} technical forks recorded, not listed`,
    `requests:      ${perForge.length > 0 ? perForge.join(", ") : "none"}`,
    `time:          ${(ms / 1000).toFixed(1)} s`,
    "",
  ].join("\n");
}

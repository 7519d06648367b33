// What the GitHub listing and scanning verbs share: the endpoint, the transport and the per-crawl retry budget.
import type { ForgeEndpoint } from "../types.ts";
import type { GithubTransport } from "./transport.ts";

export interface GithubContext {
  endpoint: ForgeEndpoint;
  transport: GithubTransport;
  /** Retries one listSource/scanRepository call may spend across all its requests. */
  retryBudgetPerCrawl: number;
}

export { type AppliedRepository, applyListedRepository, type RepositoryOutcome } from "./apply-repository.ts";
export { classifyRepository, isTechnicalFork, type RepositoryChange } from "./classify.ts";
export { type CrawlSourceInput, crawlSource, type HarvestDeps, isUnderSource } from "./crawl-source.ts";
export { addSummaries, type CrawlSummary, emptySummary } from "./summary.ts";

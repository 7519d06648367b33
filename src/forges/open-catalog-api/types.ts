// What the open-catalog-api mirror yields: one item per software of a remote catalogue that speaks
// open-catalog-api (publiccodeyml/open-catalog-api) or its predecessor developers-italia-api.
import type { SafeFetchOptions, SafeFetchResponse } from "../../net/safe-fetch.ts";

export interface MirrorItem {
  /** The remote catalogue's id for the software (a UUID on conforming servers). */
  id: string;
  /** Canonical repository URL as the remote catalogue has it. */
  url: string;
  aliases: string[];
  /** The publiccode.yml text, as UTF-8 bytes (the API carries it as a JSON string). */
  publiccodeYml: Uint8Array;
  active: boolean;
  createdAt: string;
  updatedAt: string;
}

export interface SkippedItem {
  /** The item's id when it had a readable one. */
  id: string | null;
  /** 1-based page number and 0-based index on that page, for the mirror log. */
  page: number;
  index: number;
  reason: string;
}

export type FetchFunction = (url: string, options?: SafeFetchOptions) => Promise<SafeFetchResponse>;

export interface OpenCatalogClientOptions {
  /** API root, e.g. https://api.developers.italia.it/v1 (the client appends /software). */
  baseUrl: string;
  /** Defaults to safeFetch; injected in tests. */
  fetch?: FetchFunction;
  /** Let the client reach loopback/private addresses (tests, LAN deployments). */
  allowPrivateNetwork?: boolean;
  /** Items asked per page (`page[size]`); 1–100, default 100. */
  pageSize?: number;
  /** Most items a page may hold before it counts as garbage; default 100 (the spec's maximum). */
  maxItemsPerPage?: number;
  /** Most pages followed in one listing; default 1,000. */
  maxPages?: number;
  /** Byte cap per page response; default 8 MiB. */
  maxPageBytes?: number;
  /** Deadline per page request; default 20 s. */
  timeoutMs?: number;
  /** Extra request headers (e.g. a User-Agent naming the mirroring catalogue). */
  headers?: Record<string, string>;
}

export interface ListSoftwareOptions {
  /** Also list software the remote marks inactive (`all=true`). */
  includeInactive?: boolean;
  /** Called for every item that is skipped as malformed, with the reason. */
  onSkipped?: (skipped: SkippedItem) => void;
  signal?: AbortSignal;
}

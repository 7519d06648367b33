// A mirror client for open-catalog-api / developers-italia-api instances: lists `GET /software` page by page,
// following `links.next`, through safeFetch. Every dimension is bounded (items per page, pages, bytes per page,
// time per request) and a `links.next` that repeats itself stops the listing, so a broken or hostile server
// yields an error or skipped items, never a hang or unbounded memory.
import { SafeFetchError, safeFetch } from "../../net/safe-fetch.ts";
import { ForgeError } from "../types.ts";
import { NextLinkError, resolveNextPage } from "./next-page.ts";
import { PageFormatError, parseItem, parsePageBody } from "./parse-page.ts";
import type { ListSoftwareOptions, MirrorItem, OpenCatalogClientOptions } from "./types.ts";

const DEFAULTS = {
  pageSize: 100,
  maxItemsPerPage: 100,
  maxPages: 1_000,
  maxPageBytes: 8 * 1024 * 1024,
  timeoutMs: 20_000,
};
const RETRYABLE_FETCH_ERRORS = new Set(["timeout", "network", "dns"]);

export interface OpenCatalogClient {
  readonly baseUrl: string;
  listSoftware(options?: ListSoftwareOptions): AsyncIterable<MirrorItem>;
  /** Page requests made so far, for mirror summaries. */
  requestCount(): number;
}

function softwareEndpoint(baseUrl: string, pageSize: number, includeInactive: boolean): URL {
  let url: URL;
  try {
    url = new URL(`${baseUrl.replace(/\/+$/, "")}/software`);
  } catch {
    throw new ForgeError(`not a valid API base URL: ${baseUrl}`, false);
  }
  url.searchParams.set("page[size]", String(pageSize));
  if (includeInactive) url.searchParams.set("all", "true");
  return url;
}

function toForgeError(error: unknown, url: URL): ForgeError {
  if (error instanceof ForgeError) return error;
  if (error instanceof SafeFetchError) {
    return new ForgeError(
      `GET ${url.href}: ${error.message}`,
      RETRYABLE_FETCH_ERRORS.has(error.kind),
      undefined,
      {
        cause: error,
      },
    );
  }
  if (error instanceof PageFormatError || error instanceof NextLinkError) {
    return new ForgeError(`GET ${url.href}: ${error.message}`, false, undefined, { cause: error });
  }
  throw error;
}

export function createOpenCatalogClient(options: OpenCatalogClientOptions): OpenCatalogClient {
  const fetchPage = options.fetch ?? safeFetch;
  const pageSize = Math.min(Math.max(Math.trunc(options.pageSize ?? DEFAULTS.pageSize), 1), 100);
  const maxItemsPerPage = options.maxItemsPerPage ?? DEFAULTS.maxItemsPerPage;
  const maxPages = options.maxPages ?? DEFAULTS.maxPages;
  let requests = 0;

  async function* listSoftware(listOptions: ListSoftwareOptions = {}): AsyncGenerator<MirrorItem> {
    const endpoint = softwareEndpoint(options.baseUrl, pageSize, listOptions.includeInactive ?? false);
    const seenPages = new Set<string>();
    const seenIds = new Set<string>();
    let url: URL | null = endpoint;
    for (let page = 1; url !== null; page++) {
      if (page > maxPages) throw new ForgeError(`stopped after ${maxPages} pages (maxPages)`, false);
      if (seenPages.has(url.href)) throw new ForgeError(`links.next loops back to ${url.href}`, false);
      seenPages.add(url.href);
      let items: unknown[];
      const current: URL = url;
      try {
        requests++;
        const res = await fetchPage(current.href, {
          allowPrivateNetwork: options.allowPrivateNetwork ?? false,
          maxBytes: options.maxPageBytes ?? DEFAULTS.maxPageBytes,
          timeoutMs: options.timeoutMs ?? DEFAULTS.timeoutMs,
          headers: { accept: "application/json", ...options.headers },
          signal: listOptions.signal,
        });
        if (res.status !== 200) {
          const retry = res.status === 429 || res.status >= 500;
          throw new ForgeError(`GET ${current.href}: HTTP ${res.status}`, retry, res.status);
        }
        const parsed = parsePageBody(res.body, maxItemsPerPage);
        items = parsed.rawItems;
        url = parsed.next === null ? null : resolveNextPage(parsed.next, endpoint);
      } catch (error) {
        throw toForgeError(error, current);
      }
      for (const [index, raw] of items.entries()) {
        const result = parseItem(raw);
        if (!result.ok) {
          listOptions.onSkipped?.({ id: result.id, page, index, reason: result.reason });
        } else if (seenIds.has(result.item.id)) {
          listOptions.onSkipped?.({
            id: result.item.id,
            page,
            index,
            reason: "duplicate id (already listed)",
          });
        } else {
          seenIds.add(result.item.id);
          yield result.item;
        }
      }
    }
  }

  return { baseUrl: options.baseUrl, listSoftware, requestCount: () => requests };
}

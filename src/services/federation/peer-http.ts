// Reading one page of a peer's feed over HTTP. The page frame must be right or nothing from it is applied:
// a body over the cap, non-JSON, a wrong frame or more than 500 records fails the whole page (the sync keeps
// its cursor and backs off); single bad records inside a good frame are rejected one by one later.
import { FeedPageError, type ReadFeedPage, readFeedPage } from "../../federation/feed-page.ts";
import { type SafeFetchOptions, type SafeFetchResponse, safeFetch } from "../../net/safe-fetch.ts";

export type PeerFetch = (url: string, options?: SafeFetchOptions) => Promise<SafeFetchResponse>;

/** Pages are read with this cap and deadline (docs/federation.md §5.2). */
export const PAGE_MAX_BYTES = 5 * 1024 * 1024;
export const PAGE_TIMEOUT_MS = 10_000;

/** A failed page fetch; `cursorExpired` asks the sync to restart from the snapshot (410). */
export class PeerPageError extends Error {
  override name = "PeerPageError";
  constructor(
    message: string,
    readonly cursorExpired = false,
  ) {
    super(message);
  }
}

export interface FetchPeerPageInput {
  baseUrl: string;
  kind: "changes" | "snapshot";
  cursor: string | null;
  limit: number;
  allowPrivateNetwork: boolean;
  fetch?: PeerFetch;
}

export async function fetchPeerPage(input: FetchPeerPageInput): Promise<ReadFeedPage & { bytes: number }> {
  const url = new URL(`${input.baseUrl.replace(/\/+$/, "")}/federation/v1/${input.kind}`);
  url.searchParams.set("limit", String(input.limit));
  if (input.cursor !== null) url.searchParams.set("cursor", input.cursor);
  let res: SafeFetchResponse;
  try {
    res = await (input.fetch ?? safeFetch)(url.href, {
      allowPrivateNetwork: input.allowPrivateNetwork,
      maxBytes: PAGE_MAX_BYTES,
      timeoutMs: PAGE_TIMEOUT_MS,
      headers: { accept: "application/json" },
    });
  } catch (error) {
    throw new PeerPageError(`GET ${url.pathname}: ${(error as Error).message}`);
  }
  if (res.status === 410) throw new PeerPageError(`GET ${url.pathname}: cursor expired`, true);
  if (res.status !== 200) throw new PeerPageError(`GET ${url.pathname}: HTTP ${res.status}`);
  let json: unknown;
  try {
    json = JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(res.body));
  } catch {
    throw new PeerPageError(`GET ${url.pathname}: body is not JSON`);
  }
  try {
    return { ...readFeedPage(json, input.kind), bytes: res.body.byteLength };
  } catch (error) {
    if (error instanceof FeedPageError) throw new PeerPageError(`GET ${url.pathname}: ${error.message}`);
    throw error;
  }
}

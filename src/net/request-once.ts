// One HTTP exchange (no redirect handling) over node:http(s), connecting only through the pinned lookup and
// reading the body with a byte cap so a server streaming forever costs at most `maxBytes` of memory.
import http, { type IncomingMessage } from "node:http";
import https from "node:https";
import { isIP } from "node:net";
import type { AddressVerdict } from "./address-policy.ts";
import { createPinnedLookup } from "./pinned-lookup.ts";
import { SafeFetchError } from "./safe-fetch-error.ts";

export interface RequestOnceOptions {
  method: "GET" | "HEAD";
  headers: Record<string, string>;
  /** Decides each address connected to; see address-policy.ts. */
  classify: (address: string) => AddressVerdict;
  maxBytes: number;
  signal: AbortSignal;
}

export interface RawResponse {
  status: number;
  headers: Headers;
  /** Reads the body (capped); call at most once. */
  readBody(): Promise<Uint8Array>;
  /** Drops the body without reading it (redirect hops). */
  discard(): void;
}

/** Hostname of a URL as a bare IP literal, when it is one (URL keeps IPv6 literals in brackets). */
function ipLiteral(url: URL): string | null {
  const bare = url.hostname.replace(/^\[|\]$/g, "");
  return isIP(bare) === 0 ? null : bare;
}

function toHeaders(res: IncomingMessage): Headers {
  const headers = new Headers();
  for (const [name, value] of Object.entries(res.headers)) {
    if (value === undefined) continue;
    for (const v of Array.isArray(value) ? value : [value]) headers.append(name, v);
  }
  return headers;
}

async function readCapped(res: IncomingMessage, maxBytes: number, url: string): Promise<Uint8Array> {
  const declared = Number(res.headers["content-length"]);
  if (Number.isFinite(declared) && declared > maxBytes) {
    res.destroy();
    throw new SafeFetchError(
      "too-large",
      `response declares ${declared} bytes, over the ${maxBytes}-byte cap`,
      url,
    );
  }
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const chunk of res as AsyncIterable<Buffer>) {
    total += chunk.length;
    if (total > maxBytes) {
      // Stop reading now: destroying the response closes the socket instead of draining the rest.
      res.destroy();
      throw new SafeFetchError("too-large", `response exceeds the ${maxBytes}-byte cap`, url);
    }
    chunks.push(chunk);
  }
  return new Uint8Array(Buffer.concat(chunks, total));
}

export function requestOnce(url: URL, options: RequestOnceOptions): Promise<RawResponse> {
  // Node connects to IP literals without calling `lookup`, so they are checked here instead.
  const literal = ipLiteral(url);
  if (literal !== null) {
    const verdict = options.classify(literal);
    if (!verdict.allowed) {
      const error = new SafeFetchError("blocked-address", `${literal} is ${verdict.reason}`, url.href);
      return Promise.reject(error);
    }
  }
  const client = url.protocol === "https:" ? https : http;
  return new Promise<RawResponse>((resolve, reject) => {
    const req = client.request(url, {
      method: options.method,
      headers: options.headers,
      lookup: createPinnedLookup({ classify: options.classify }),
      // A private agent per request: no pooled socket is ever reused across policies or hosts.
      agent: false,
      signal: options.signal,
    });
    req.once("error", reject);
    req.once("response", (res) => {
      resolve({
        status: res.statusCode ?? 0,
        headers: toHeaders(res),
        readBody: () =>
          options.method === "HEAD"
            ? Promise.resolve(new Uint8Array())
            : readCapped(res, options.maxBytes, url.href),
        discard: () => res.destroy(),
      });
    });
    req.end();
  });
}

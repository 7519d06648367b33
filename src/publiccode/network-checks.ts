// Network checks (URL reachability, remote logos and screenshots), only when the caller asks for them. Every request
// goes through safeFetch: one deadline, a body cap, and no loopback/private/link-local/CGNAT targets unless allowed.
import {
  SafeFetchError,
  type SafeFetchOptions,
  type SafeFetchResponse,
  safeFetch,
} from "../net/safe-fetch.ts";
import type { FileKind } from "./file-refs.ts";
import { isPngBytes } from "./png.ts";

export interface NetworkChecker {
  /** null when the URL answers 200, else the reason in the reference's words. */
  reachable(url: string): Promise<string | null>;
  /** null when the remote file exists (and, for a PNG logo, is a PNG), else the reason. */
  checkFile(url: string, kind: FileKind): Promise<string | null>;
}

export interface NetworkCheckOptions {
  timeoutMs?: number;
  maxBytes?: number;
  allowPrivateNetwork?: boolean;
  fetcher?: (url: string, options?: SafeFetchOptions) => Promise<SafeFetchResponse>;
}

export const NETWORK_DEFAULTS = Object.freeze({ timeoutMs: 10_000, maxBytes: 5 * 1024 * 1024 });

function describeStatus(status: number): string {
  if (status === 404) return "not found";
  return `HTTP status ${status}`;
}

export function createNetworkChecker(options: NetworkCheckOptions = {}): NetworkChecker {
  const fetcher = options.fetcher ?? safeFetch;
  const requestOptions: SafeFetchOptions = {
    timeoutMs: options.timeoutMs ?? NETWORK_DEFAULTS.timeoutMs,
    maxBytes: options.maxBytes ?? NETWORK_DEFAULTS.maxBytes,
    allowPrivateNetwork: options.allowPrivateNetwork ?? false,
  };
  // One validation often names the same URL twice (logo and screenshots); fetch it once.
  const cache = new Map<string, Promise<SafeFetchResponse | string>>();
  const get = (url: string) => {
    let pending = cache.get(url);
    if (!pending) {
      pending = fetcher(url, requestOptions).catch((error: unknown) =>
        error instanceof SafeFetchError
          ? error.message
          : error instanceof Error
            ? error.message
            : String(error),
      );
      cache.set(url, pending);
    }
    return pending;
  };
  const fetchOk = async (url: string): Promise<SafeFetchResponse | string> => {
    const response = await get(url);
    if (typeof response === "string") return `HTTP GET failed for ${url}: ${response}`;
    if (response.status !== 200) return `HTTP GET failed for ${url}: ${describeStatus(response.status)}`;
    return response;
  };
  return {
    async reachable(url) {
      if (!/^[a-zA-Z][a-zA-Z0-9+.-]*:/.test(url)) return "missing URL scheme";
      const response = await fetchOk(url);
      return typeof response === "string" ? response : null;
    },
    async checkFile(url, kind) {
      const response = await fetchOk(url);
      if (typeof response === "string") return response;
      if (
        kind === "logo" &&
        new URL(url).pathname.toLowerCase().endsWith(".png") &&
        !isPngBytes(response.body)
      ) {
        return "image: unknown format";
      }
      return null;
    },
  };
}

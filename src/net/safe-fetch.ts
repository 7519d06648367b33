// A guarded HTTP GET/HEAD for URLs that strangers control: the validator's network checks, peer sync, mirroring.
// Every hop (the first URL and each redirect) is resolved, checked against the address policy and connected to
// the checked address only; the whole exchange has one deadline and one byte cap.
import { type AddressVerdict, classifyAddress } from "./address-policy.ts";
import { requestOnce } from "./request-once.ts";
import { SafeFetchError } from "./safe-fetch-error.ts";

export { SafeFetchError, type SafeFetchErrorKind } from "./safe-fetch-error.ts";

export interface SafeFetchOptions {
  /** Deadline for the whole exchange, redirects and body included. Default 10 s. */
  timeoutMs?: number;
  /** Body cap in bytes. Default 5 MiB. */
  maxBytes?: number;
  /** Allow loopback and private addresses (tests, or a catalogue deliberately peering on a LAN). */
  allowPrivateNetwork?: boolean;
  method?: "GET" | "HEAD";
  headers?: Record<string, string>;
  /** Default 5. */
  maxRedirects?: number;
  /** Caller cancellation; when it fires, the promise rejects with the signal's reason. */
  signal?: AbortSignal;
}

export interface SafeFetchResponse {
  status: number;
  headers: Headers;
  body: Uint8Array;
  /** The final URL, after redirects. */
  url: string;
}

const DEFAULTS = { timeoutMs: 10_000, maxBytes: 5 * 1024 * 1024, maxRedirects: 5 };
const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);
// Credentials meant for one origin must not follow a redirect to another.
const ORIGIN_BOUND_HEADERS = ["authorization", "cookie", "proxy-authorization"];

function parseTarget(raw: string, base?: URL): URL {
  let url: URL;
  try {
    url = new URL(raw, base);
  } catch {
    throw new SafeFetchError("invalid-url", `not a valid URL: ${raw}`, raw);
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    throw new SafeFetchError("invalid-url", `only http and https are fetched, not ${url.protocol}`, url.href);
  }
  if (url.username || url.password) {
    throw new SafeFetchError("invalid-url", "URLs carrying credentials are not fetched", url.origin);
  }
  return url;
}

function lowerCaseKeys(headers: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v]));
}

function translateError(error: unknown, url: URL, timedOut: boolean, callerSignal?: AbortSignal): unknown {
  if (timedOut)
    return new SafeFetchError("timeout", `no complete response from ${url.host} in time`, url.href);
  if (callerSignal?.aborted) return callerSignal.reason;
  if (error instanceof SafeFetchError)
    return error.url ? error : new SafeFetchError(error.kind, error.message, url.href);
  const code = (error as { code?: string }).code;
  if (code === "ENOTFOUND" || code === "EAI_AGAIN" || code === "EAI_NODATA") {
    return new SafeFetchError("dns", `cannot resolve ${url.hostname}`, url.href, { cause: error });
  }
  const message = error instanceof Error ? error.message : String(error);
  return new SafeFetchError("network", `request to ${url.host} failed: ${message}`, url.href, {
    cause: error,
  });
}

export interface SafeFetchDeps {
  /** The address policy; tests narrow it to exercise redirect re-checks with only loopback servers at hand. */
  classify?: (address: string) => AddressVerdict;
}

const allowAll = (): AddressVerdict => ({ allowed: true });

/** Builds a safeFetch with its address policy injected; `safeFetch` below is the production instance. */
export function createSafeFetch(deps: SafeFetchDeps = {}) {
  const classify = deps.classify ?? classifyAddress;
  return (url: string, options: SafeFetchOptions = {}) =>
    fetchGuarded(url, options, options.allowPrivateNetwork ? allowAll : classify);
}

export const safeFetch: (url: string, options?: SafeFetchOptions) => Promise<SafeFetchResponse> =
  createSafeFetch();

async function fetchGuarded(
  url: string,
  options: SafeFetchOptions,
  classify: (address: string) => AddressVerdict,
): Promise<SafeFetchResponse> {
  const timeoutMs = options.timeoutMs ?? DEFAULTS.timeoutMs;
  const maxBytes = options.maxBytes ?? DEFAULTS.maxBytes;
  const maxRedirects = options.maxRedirects ?? DEFAULTS.maxRedirects;
  const method = options.method ?? "GET";
  let headers = lowerCaseKeys(options.headers ?? {});
  let current = parseTarget(url);

  const controller = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort();
  }, timeoutMs);
  const onCallerAbort = () => controller.abort();
  if (options.signal?.aborted) controller.abort();
  options.signal?.addEventListener("abort", onCallerAbort, { once: true });

  try {
    for (let hop = 0; ; hop++) {
      const res = await requestOnce(current, {
        method,
        headers,
        classify,
        maxBytes,
        signal: controller.signal,
      });
      const location = res.headers.get("location");
      if (REDIRECT_STATUSES.has(res.status) && location !== null) {
        res.discard();
        if (hop >= maxRedirects) {
          throw new SafeFetchError("too-many-redirects", `more than ${maxRedirects} redirects`, current.href);
        }
        const next = parseTarget(location, current);
        if (next.origin !== current.origin) {
          headers = Object.fromEntries(
            Object.entries(headers).filter(([k]) => !ORIGIN_BOUND_HEADERS.includes(k)),
          );
        }
        current = next;
        continue;
      }
      const body = await res.readBody();
      return { status: res.status, headers: res.headers, body, url: current.href };
    }
  } catch (error) {
    throw translateError(error, current, timedOut, options.signal);
  } finally {
    clearTimeout(timer);
    options.signal?.removeEventListener("abort", onCallerAbort);
  }
}

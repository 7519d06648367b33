// One error type for every way a guarded fetch can fail, so callers branch on `kind` instead of parsing messages
// (a validator reports "blocked-address" differently from "timeout"; peer sync retries "network" but not "too-large").

export type SafeFetchErrorKind =
  | "invalid-url"
  | "blocked-address"
  | "dns"
  | "timeout"
  | "too-large"
  | "network"
  | "too-many-redirects";

export class SafeFetchError extends Error {
  override name = "SafeFetchError";
  constructor(
    readonly kind: SafeFetchErrorKind,
    message: string,
    /** The URL being fetched when it failed (the last hop for redirects). */
    readonly url?: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

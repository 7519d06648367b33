// JSON bodies with a strong ETag (the SHA-256 of the bytes), and conditional GET: a client that sends the ETag
// back in If-None-Match gets 304 with no body (RFC 9110 §13.1.2, §15.4.5). Used by the federation feed pages
// and by search.
import { createHash } from "node:crypto";
import type { Context } from "hono";
import type { AppEnv } from "./context.ts";

export interface EncodedJson {
  body: Buffer;
  etag: string;
}

export function encodeJson(value: unknown): EncodedJson {
  const body = Buffer.from(JSON.stringify(value), "utf8");
  return { body, etag: `"${createHash("sha256").update(body).digest("base64url")}"` };
}

const encodedOnce = new WeakMap<object, EncodedJson>();

/**
 * encodeJson, remembered per object when the object is frozen (deep-frozen by whoever shares it: a frozen
 * object's JSON cannot change). A value served again and again (a cached search's view) is then serialised
 * and hashed once, not per request; the memo lives exactly as long as the object does.
 */
export function encodeJsonOnce(value: object): EncodedJson {
  if (!Object.isFrozen(value)) return encodeJson(value);
  let encoded = encodedOnce.get(value);
  if (!encoded) {
    encoded = encodeJson(value);
    encodedOnce.set(value, encoded);
  }
  return encoded;
}

/** Whether an If-None-Match header value names `etag` (weak comparison, as RFC 9110 asks for it) or is "*". */
export function ifNoneMatchHits(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  const opaque = (tag: string) => tag.trim().replace(/^W\//, "");
  const wanted = opaque(etag);
  return header.split(",").some((tag) => tag.trim() === "*" || opaque(tag) === wanted);
}

/** 200 with the body, or 304 (same ETag and headers, no body) when the client already has these bytes. */
export function jsonWithEtag(
  c: Context<AppEnv>,
  encoded: EncodedJson,
  headers: Record<string, string> = {},
): Response {
  const common = { ...headers, etag: encoded.etag };
  if (ifNoneMatchHits(c.req.header("if-none-match"), encoded.etag)) {
    return new Response(null, { status: 304, headers: common });
  }
  return new Response(encoded.body, {
    status: 200,
    headers: { ...common, "content-type": "application/json" },
  });
}

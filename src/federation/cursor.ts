// Opaque feed cursors. Clients must treat them as opaque, which leaves us free to change what is inside: the
// payload is versioned JSON, base64url-encoded with a short checksum so a truncated, hand-edited or made-up
// cursor fails with a clear error instead of silently reading from the wrong place. The checksum is not a MAC:
// nothing secret is behind a cursor, every position in the public feed may be read.
import { z } from "zod";
import { InvalidInputError } from "../services/errors.ts";

export type FeedCursor =
  /** Read the change log after this sequence number (0 = from the start). */
  | { kind: "changes"; afterSeq: number }
  /** A snapshot as of change-log sequence `asOfSeq`, continuing after the record key `afterKey`. */
  | { kind: "snapshot"; asOfSeq: number; afterKey: string | null };

export class InvalidCursorError extends InvalidInputError {
  override name = "InvalidCursorError";
  constructor(detail: string) {
    super(`invalid cursor: ${detail}`, [{ field: "cursor", message: detail }]);
  }
}

const seq = z.number().int().min(0).max(Number.MAX_SAFE_INTEGER);
const payloadSchema = z.discriminatedUnion("k", [
  z.strictObject({ v: z.literal(1), k: z.literal("c"), s: seq }),
  z.strictObject({ v: z.literal(1), k: z.literal("s"), s: seq, a: z.string().max(256).nullable() }),
]);

const MAX_CURSOR_LENGTH = 512;

/** FNV-1a over the payload bytes: cheap, deterministic, enough to catch accidental damage. */
function checksum(bytes: Uint8Array): Uint8Array {
  let hash = 0x811c9dc5;
  for (const byte of bytes) hash = Math.imul(hash ^ byte, 0x01000193) >>> 0;
  return new Uint8Array([hash >>> 24, (hash >>> 16) & 0xff, (hash >>> 8) & 0xff, hash & 0xff]);
}

export function encodeCursor(cursor: FeedCursor): string {
  const payload =
    cursor.kind === "changes"
      ? { v: 1, k: "c", s: cursor.afterSeq }
      : { v: 1, k: "s", s: cursor.asOfSeq, a: cursor.afterKey };
  const parsed = payloadSchema.parse(payload);
  const bytes = new TextEncoder().encode(JSON.stringify(parsed));
  return Buffer.concat([bytes, checksum(bytes)]).toString("base64url");
}

/** Decodes a cursor a client sent back; `expected` guards against a snapshot cursor used on the changes feed. */
export function decodeCursor(text: string, expected?: FeedCursor["kind"]): FeedCursor {
  if (text.length === 0 || text.length > MAX_CURSOR_LENGTH || !/^[A-Za-z0-9_-]+$/.test(text)) {
    throw new InvalidCursorError("not a cursor issued by this catalogue");
  }
  const raw = new Uint8Array(Buffer.from(text, "base64url"));
  const body = raw.subarray(0, raw.length - 4);
  const sum = raw.subarray(raw.length - 4);
  if (raw.length < 5 || !checksum(body).every((byte, i) => byte === sum[i])) {
    throw new InvalidCursorError("checksum mismatch (truncated or altered cursor)");
  }
  let json: unknown;
  try {
    json = JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(body));
  } catch {
    throw new InvalidCursorError("unreadable payload");
  }
  const parsed = payloadSchema.safeParse(json);
  if (!parsed.success) throw new InvalidCursorError("unknown cursor version or shape");
  const cursor: FeedCursor =
    parsed.data.k === "c"
      ? { kind: "changes", afterSeq: parsed.data.s }
      : { kind: "snapshot", asOfSeq: parsed.data.s, afterKey: parsed.data.a };
  if (expected !== undefined && cursor.kind !== expected) {
    throw new InvalidCursorError(`a ${cursor.kind} cursor cannot be used here`);
  }
  return cursor;
}

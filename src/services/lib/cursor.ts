// Opaque pagination cursors: base64url JSON of the last row's sort key. Opaque so clients cannot depend on it
// and we can change the key without breaking them; a tampered cursor is an input error, not a 500.
import { InvalidInputError } from "../errors.ts";

export function encodeCursor(key: unknown[]): string {
  return Buffer.from(JSON.stringify(key), "utf8").toString("base64url");
}

export function decodeCursor(cursor: string, arity: number): unknown[] {
  try {
    const key: unknown = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
    if (Array.isArray(key) && key.length === arity) return key;
  } catch {
    // fall through
  }
  throw new InvalidInputError("invalid cursor", [{ field: "cursor", message: "not a cursor from this API" }]);
}

export interface Page<T> {
  data: T[];
  /** Pass back as `cursor` (after) for the next page; null on the last page. */
  nextCursor: string | null;
  /** Pass back as `before` for the previous page; null on the first page. */
  prevCursor: string | null;
}

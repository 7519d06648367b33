// Fields a local admin curated (a corrected description, an added alias) survive every sync: whatever a peer
// sends, the curated values are copied back over the incoming body before it is stored.
import type { FederationRecord } from "../../schemas/federation/record.ts";

type JsonObject = Record<string, unknown>;

function isObject(value: unknown): value is JsonObject {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function readPath(root: JsonObject, path: string[]): { found: boolean; value?: unknown } {
  let current: unknown = root;
  for (const segment of path) {
    if (!isObject(current) || !Object.hasOwn(current, segment)) return { found: false };
    current = current[segment];
  }
  return { found: true, value: current };
}

function writePath(root: JsonObject, path: string[], value: unknown, found: boolean): void {
  let current = root;
  for (const segment of path.slice(0, -1)) {
    if (!isObject(current[segment])) {
      if (!found) return; // nothing to remove below a missing parent
      current[segment] = {};
    }
    current = current[segment] as JsonObject;
  }
  const last = path[path.length - 1]!;
  // A curated absence is curation too: the admin removed the field, so the peer's value must not bring it back.
  if (found) current[last] = structuredClone(value);
  else delete current[last];
}

/** The incoming upsert with every curated path of the local body copied over it (both must be upserts). */
export function overlayCuratedFields(
  incoming: FederationRecord,
  local: FederationRecord,
  curatedFields: readonly string[],
): FederationRecord {
  if (incoming.action !== "upsert" || local.action !== "upsert" || curatedFields.length === 0)
    return incoming;
  const body = structuredClone(incoming.body) as JsonObject;
  for (const field of curatedFields) {
    const path = field.split(".").filter((s) => s.length > 0);
    if (path.length === 0 || path.some((s) => s === "__proto__" || s === "constructor" || s === "prototype"))
      continue;
    const { found, value } = readPath(local.body as JsonObject, path);
    writePath(body, path, value, found);
  }
  return { ...incoming, body } as FederationRecord;
}

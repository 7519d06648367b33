// Reads a page of a peer's changes feed or snapshot: the page frame must be right (or nothing from it is
// applied), while records are parsed one by one so a single bad record is reported and the rest still apply.
import { type FeedPage, feedPageSchema, snapshotPageSchema } from "../../schemas/federation/descriptor.ts";
import { type ParsedRecord, parseFederationRecord } from "../../schemas/federation/record.ts";

export class FeedPageError extends Error {
  override name = "FeedPageError";
}

export interface ReadFeedPage {
  records: ParsedRecord[];
  hasMore: boolean;
  nextCursor: string;
  /** Snapshot pages only: where the changes feed continues. */
  changesCursor?: string;
}

/** Parses a page body (already JSON-decoded); throws FeedPageError when the frame itself is wrong. */
export function readFeedPage(json: unknown, kind: "changes" | "snapshot" = "changes"): ReadFeedPage {
  const schema = kind === "snapshot" ? snapshotPageSchema : feedPageSchema;
  const parsed = schema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new FeedPageError(`not a ${kind} page: ${issue?.path.join(".") || "page"}: ${issue?.message}`);
  }
  const page = parsed.data as FeedPage & { changesCursor?: string };
  return {
    records: page.records.map(parseFederationRecord),
    hasMore: page.hasMore,
    nextCursor: page.nextCursor,
    ...(page.changesCursor === undefined ? {} : { changesCursor: page.changesCursor }),
  };
}

// Reads a peer's pages in order ahead of the sync that applies them. Applying a page is one long synchronous
// transaction, so anything not started before it waits for it: the reader requests page n+1 as soon as page n
// arrives (its cursor is in page n), not once page n is applied, and starts checking its signatures on the
// thread pool at once. So while this thread writes page n, the peer builds the next page and the thread pool
// verifies the one after it. At most `ahead` pages are fetched beyond the one being applied, and none is
// applied out of order: the stored cursor still moves only when a page commits (see sync-page.ts).
import type { ReadFeedPage } from "../../federation/feed-page.ts";
import { PeerPageError } from "./peer-http.ts";

export type FeedPhase = "snapshot" | "changes";

export interface FeedPosition {
  phase: FeedPhase;
  cursor: string | null;
}

export interface ReadPage<Checked> {
  page: ReadFeedPage & { bytes: number };
  /** Where the feed continues after this page (the peer row's cursor once it is applied). */
  next: { phase: FeedPhase; cursor: string };
  /** False on the last page of the changes feed. */
  more: boolean;
  /** The page's records checked (started when the page arrived, settled by the time it is applied). */
  checked: Promise<Checked>;
}

/** Where the feed continues after `page`, read at `at`; throws on a peer that would keep us looping. */
export function positionAfter(
  at: FeedPosition,
  page: ReadFeedPage,
): Pick<ReadPage<unknown>, "next" | "more"> {
  // A peer that claims more but does not move its cursor would keep us here forever.
  if (page.hasMore && page.nextCursor === at.cursor)
    throw new PeerPageError("peer did not advance its cursor");
  const snapshotDone = at.phase === "snapshot" && !page.hasMore;
  if (!snapshotDone) return { next: { phase: at.phase, cursor: page.nextCursor }, more: page.hasMore };
  if (page.changesCursor === undefined) throw new PeerPageError("snapshot without changesCursor");
  return { next: { phase: "changes", cursor: page.changesCursor }, more: true };
}

export interface PageReaderOptions<Checked> {
  fetch(at: FeedPosition): Promise<ReadFeedPage & { bytes: number }>;
  check(page: ReadFeedPage): Promise<Checked>;
  /** Pages to read at most in this run. */
  maxPages: number;
  /** Pages fetched beyond the one being applied (at least 1). */
  ahead: number;
}

export interface PageReader<Checked> {
  /** The next page in feed order, or null when the feed (or maxPages) is exhausted. */
  take(): Promise<ReadPage<Checked>> | null;
}

export function createPageReader<Checked>(
  start: FeedPosition,
  options: PageReaderOptions<Checked>,
): PageReader<Checked> {
  const queued: Promise<ReadPage<Checked>>[] = [];
  let nextAt: FeedPosition | null = start; // null while a fetch is in flight, and once the feed has ended
  let requested = 0;
  const ahead = Math.max(1, options.ahead);

  function pump(): void {
    // One request at a time (each needs the previous page's cursor), up to `ahead` pages not yet taken.
    while (nextAt !== null && queued.length < ahead && requested < options.maxPages) {
      const at: FeedPosition = nextAt;
      nextAt = null;
      requested += 1;
      const read = options.fetch(at).then((page) => {
        const position = positionAfter(at, page);
        const checked = options.check(page);
        checked.catch(() => {}); // surfaced to whoever applies the page
        nextAt = position.more ? position.next : null;
        pump();
        return { page, ...position, checked };
      });
      read.catch(() => {}); // surfaced by take(); unobserved if the sync stops before taking it
      queued.push(read);
    }
  }

  return {
    take() {
      pump();
      const read = queued.shift() ?? null;
      pump();
      return read;
    },
  };
}

// The publiccode.yml of one project, for as few requests as GitLab allows: none when `known` proves the project
// has not moved since the last crawl, one HEAD (X-Gitlab-Blob-Id, no body) to learn whether the file exists and
// which blob it is, and one GET only when that blob is new. The GET's JSON carries the blob id and the base64
// bytes together, so the file is never downloaded twice and invalid UTF-8 survives untouched.
// @see https://docs.gitlab.com/api/repository_files/#get-file-metadata-only
import type { KnownRepository, PubliccodeBlob, RepositoryFacts } from "../types.ts";
import type { GitlabApi } from "./gitbeaker.ts";
import { hasReadableRepository, type ProjectFacts } from "./project-facts.ts";
import { gitlabFileSchema, parseGitlab } from "./schemas.ts";
import type { GitlabTransport } from "./transport.ts";
import { orNullOn404 } from "./transport-support.ts";

// The standard names the file publiccode.yml; checking a second name would double the cost of every project
// without one, which is most of them.
const FILE_NAME = "publiccode.yml";
// GitLab's hour between two activity updates, plus five minutes for clocks that disagree.
const ACTIVITY_THROTTLE_MS = 65 * 60_000;

export type PubliccodeOutcome = Pick<RepositoryFacts, "publiccode" | "publiccodeNotModified">;

export interface ReadPubliccodeContext {
  api: GitlabApi;
  transport: GitlabTransport;
  signal?: AbortSignal;
}

export async function readPubliccode(
  ctx: ReadPubliccodeContext,
  facts: ProjectFacts,
  known: KnownRepository | undefined,
): Promise<PubliccodeOutcome> {
  if (!hasReadableRepository(facts)) return { publiccode: null };
  if (known && isActivitySettled(known, facts.pushedAt)) return notModified(known);

  const query = new URLSearchParams({ ref: facts.defaultBranch });
  const path = `projects/${facts.forgeRepoId}/repository/files/${encodeURIComponent(FILE_NAME)}`;
  // 403 here means this one repository is closed to us (members only): it has no file we may publish, and it
  // must not stop the listing of every other project.
  const head = await orNullOn404(() => ctx.transport.request("HEAD", path, query, ctx.signal), true);
  if (!head) return { publiccode: null };
  const blobId = head.headers.get("x-gitlab-blob-id");
  if (known && blobId && known.blobSha === blobId) return notModified(known);

  // Between the HEAD and the GET a push may remove the file: then the project simply has none.
  const raw = await orNullOn404(
    () => ctx.api.files.show(facts.forgeRepoId, FILE_NAME, facts.defaultBranch),
    true,
  );
  if (!raw) return { publiccode: null };
  const file = parseGitlab(gitlabFileSchema, raw, "repository file");
  return { publiccode: { path: FILE_NAME, blobSha: file.blob_id, bytes: decodeBase64(file.content) } };
}

/**
 * True when an unchanged last_activity_at proves nothing was pushed since the last check. GitLab moves the
 * activity time at most once an hour, so a push within the hour after it leaves it unchanged; once a check has
 * happened more than that hour after the activity, any later push does move it.
 * @see https://gitlab.com/gitlab-org/gitlab-foss/-/merge_requests/6391
 */
function isActivitySettled(known: KnownRepository, pushedAt: string | null): boolean {
  if (!known.pushedAt || !pushedAt || !known.checkedAt) return false;
  const activity = Date.parse(known.pushedAt);
  if (Number.isNaN(activity) || activity !== Date.parse(pushedAt)) return false;
  return Date.parse(known.checkedAt) - activity >= ACTIVITY_THROTTLE_MS;
}

function notModified(known: KnownRepository): PubliccodeOutcome {
  const publiccode: PubliccodeBlob | null = known.blobSha
    ? { path: FILE_NAME, blobSha: known.blobSha, bytes: new Uint8Array(0) }
    : null;
  return { publiccode, publiccodeNotModified: true };
}

function decodeBase64(content: string): Uint8Array {
  // A copy, not a view: a Buffer may share one pooled ArrayBuffer with unrelated data.
  return new Uint8Array(Buffer.from(content, "base64"));
}

// GET and HEAD /projects/:id/repository/files/:file_path?ref=…, as GitLab answers them: GET gives JSON with
// base64 `content` and `blob_id`; both give the file's facts in X-Gitlab-* headers, HEAD without a body.
// @see https://docs.gitlab.com/api/repository_files/#get-file-from-repository
import { createHash } from "node:crypto";
import type { FakeResponse } from "../http.ts";
import { computeGitBlobId, type FakeProject } from "./world.ts";

// The fake has one commit per project state; its id only needs to look like a sha.
const FAKE_COMMIT_ID = "0123456789abcdef0123456789abcdef01234567";

export function fileResponse(
  project: FakeProject,
  filePath: string,
  ref: string | null,
  head: boolean,
  authenticated: boolean,
): FakeResponse {
  // A public project whose repository is for members only: outsiders may see the project, not its files.
  if (project.repositoryAccessLevel === "private" && !authenticated) {
    return { status: 403, body: head ? undefined : { message: "403 Forbidden" } };
  }
  if (!ref) return { status: 400, body: { error: "ref is missing, ref is empty" } };
  if (project.defaultBranch === null || project.repositoryAccessLevel === "disabled") {
    return { status: 404, body: head ? undefined : { message: "404 File Not Found" } };
  }
  if (ref !== project.defaultBranch) {
    return { status: 404, body: head ? undefined : { message: "404 Commit Not Found" } };
  }
  const bytes = project.files.get(filePath);
  if (!bytes) return { status: 404, body: head ? undefined : { message: "404 File Not Found" } };

  const blobId = computeGitBlobId(bytes);
  const sha256 = createHash("sha256").update(bytes).digest("hex");
  const fileName = filePath.split("/").at(-1) ?? filePath;
  const headers = {
    "x-gitlab-blob-id": blobId,
    "x-gitlab-commit-id": FAKE_COMMIT_ID,
    "x-gitlab-content-sha256": sha256,
    "x-gitlab-encoding": "base64",
    "x-gitlab-execute-filemode": "false",
    "x-gitlab-file-name": fileName,
    "x-gitlab-file-path": filePath,
    "x-gitlab-last-commit-id": FAKE_COMMIT_ID,
    "x-gitlab-ref": ref,
    "x-gitlab-size": String(bytes.byteLength),
  };
  if (head) return { status: 200, headers };
  return {
    status: 200,
    headers,
    body: {
      file_name: fileName,
      file_path: filePath,
      size: bytes.byteLength,
      encoding: "base64",
      content_sha256: sha256,
      ref,
      blob_id: blobId,
      commit_id: FAKE_COMMIT_ID,
      last_commit_id: FAKE_COMMIT_ID,
      execute_filemode: false,
      content: Buffer.from(bytes).toString("base64"),
    },
  };
}

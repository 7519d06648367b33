// A GraphQL repository node → RepositoryFacts, with the publiccode file's exact bytes. GraphQL `text` is a
// decoded string: it cannot carry invalid UTF-8 and is cut for large blobs. So the bytes taken from it are
// trusted only when their git blob sha equals the blob's oid; otherwise the raw blob is fetched once over REST
// (unless the harvester already holds that very blob, per KnownRepository).
import { createHash } from "node:crypto";
import {
  ForgeError,
  type KnownRepository,
  type PubliccodeBlob,
  type PubliccodeFileName,
  type RepositoryFacts,
} from "../types.ts";
import type { BlobNode, RepositoryNode } from "./queries.ts";

/** Fetches a blob's raw bytes by sha; null when it is gone (e.g. a force-push between two requests). */
export type FetchBlob = (nameWithOwner: string, oid: string) => Promise<Uint8Array | null>;

const encoder = new TextEncoder();

/** git's object id of a blob: sha1 over "blob <size>\0" followed by the bytes. */
export function computeGitBlobSha(bytes: Uint8Array): string {
  return createHash("sha1").update(`blob ${bytes.byteLength}\0`).update(bytes).digest("hex");
}

function pickBlob(node: RepositoryNode): { path: PubliccodeFileName; blob: BlobNode } | null {
  // The standard names the file publiccode.yml; publiccode.yaml is accepted when .yml is absent.
  if (node.yml?.oid) return { path: "publiccode.yml", blob: node.yml as BlobNode };
  if (node.yaml?.oid) return { path: "publiccode.yaml", blob: node.yaml as BlobNode };
  return null;
}

/** The bytes GraphQL's `text` stands for, or null when `text` cannot be trusted to be them. */
export function bytesFromText(blob: BlobNode): Uint8Array | null {
  if (typeof blob.text !== "string" || blob.isTruncated || blob.isBinary) return null;
  const bytes = encoder.encode(blob.text);
  return computeGitBlobSha(bytes) === blob.oid ? bytes : null;
}

async function resolvePubliccode(
  node: RepositoryNode,
  known: KnownRepository | undefined,
  fetchBlob: FetchBlob,
): Promise<{ publiccode: PubliccodeBlob | null; notModified: boolean }> {
  const picked = pickBlob(node);
  if (!picked) return { publiccode: null, notModified: false };
  const { path, blob } = picked;
  const fromText = bytesFromText(blob);
  if (fromText) return { publiccode: { path, blobSha: blob.oid, bytes: fromText }, notModified: false };
  // The harvester holds this exact blob already: say so (publiccodeNotModified) instead of fetching it again.
  if (known?.blobSha === blob.oid) {
    return { publiccode: { path, blobSha: blob.oid, bytes: new Uint8Array(0) }, notModified: true };
  }
  const raw = await fetchBlob(node.nameWithOwner, blob.oid);
  if (!raw) return { publiccode: null, notModified: false };
  if (computeGitBlobSha(raw) !== blob.oid) {
    throw new ForgeError(`blob ${blob.oid} of ${node.nameWithOwner} came back with other bytes`, true);
  }
  return { publiccode: { path, blobSha: blob.oid, bytes: raw }, notModified: false };
}

export async function toRepositoryFacts(
  node: RepositoryNode,
  known: KnownRepository | undefined,
  fetchBlob: FetchBlob,
): Promise<RepositoryFacts> {
  const { publiccode, notModified } = await resolvePubliccode(node, known, fetchBlob);
  const facts: RepositoryFacts = {
    kind: "github",
    forgeRepoId: node.id,
    url: node.url,
    fullPath: node.nameWithOwner,
    defaultBranch: node.defaultBranchRef?.name ?? null,
    isFork: node.isFork,
    forkParentUrl: node.parent?.url ?? null,
    isArchived: node.isArchived,
    isPrivate: node.isPrivate,
    isDisabled: node.isDisabled,
    isEmpty: node.isEmpty,
    pushedAt: node.pushedAt,
    publiccode,
  };
  if (notModified) facts.publiccodeNotModified = true;
  return facts;
}

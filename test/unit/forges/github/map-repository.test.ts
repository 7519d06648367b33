import { describe, expect, it } from "vitest";
import {
  bytesFromText,
  computeGitBlobSha,
  toRepositoryFacts,
} from "../../../../src/forges/github/map-repository.ts";
import type { RepositoryNode } from "../../../../src/forges/github/queries.ts";

const enc = new TextEncoder();

function node(yml: RepositoryNode["yml"], yaml: RepositoryNode["yaml"] = null): RepositoryNode {
  return {
    id: "R_1",
    nameWithOwner: "acme/app",
    url: "https://github.com/acme/app",
    isFork: false,
    isArchived: false,
    isPrivate: false,
    isDisabled: false,
    isEmpty: false,
    pushedAt: "2026-01-01T00:00:00Z",
    parent: null,
    defaultBranchRef: { name: "main" },
    yml,
    yaml,
  };
}

function blob(
  bytes: Uint8Array,
  text: string | null,
  extra: { isTruncated?: boolean; isBinary?: boolean } = {},
) {
  return {
    oid: computeGitBlobSha(bytes),
    byteSize: bytes.byteLength,
    isTruncated: extra.isTruncated ?? false,
    isBinary: extra.isBinary ?? false,
    text,
  };
}

describe("publiccode bytes from a GraphQL blob", () => {
  it("computes git's blob id (the empty blob is e69de29…)", () => {
    expect(computeGitBlobSha(new Uint8Array())).toBe("e69de29bb2d1d6434b8b29ae775ad8c2e48c5391");
  });

  it("trusts `text` only when its UTF-8 bytes hash to the blob's oid", () => {
    const bytes = enc.encode("name: café\r\n");
    expect(bytesFromText(blob(bytes, "name: café\r\n"))).toEqual(bytes);
    const latin1 = new Uint8Array([0x6e, 0x3a, 0x20, 0xe9, 0x0a]);
    expect(bytesFromText(blob(latin1, "n: \ufffd\n"))).toBeNull();
    expect(bytesFromText(blob(bytes, "name: ca", { isTruncated: true }))).toBeNull();
    expect(bytesFromText(blob(bytes, null, { isBinary: true }))).toBeNull();
  });

  it("fetches untrustworthy blobs once and checks what comes back", async () => {
    const latin1 = new Uint8Array([0x6e, 0x3a, 0x20, 0xe9, 0x0a]);
    const asked: string[] = [];
    const facts = await toRepositoryFacts(node(blob(latin1, "n: \ufffd\n")), undefined, async (repo, oid) => {
      asked.push(`${repo}@${oid}`);
      return latin1;
    });
    expect(facts.publiccode).toEqual({
      path: "publiccode.yml",
      blobSha: computeGitBlobSha(latin1),
      bytes: latin1,
    });
    expect(asked).toEqual([`acme/app@${computeGitBlobSha(latin1)}`]);

    const lying = toRepositoryFacts(node(blob(latin1, null, { isBinary: true })), undefined, async () =>
      enc.encode("x"),
    );
    await expect(lying).rejects.toMatchObject({ name: "ForgeError" });
  });

  it("prefers publiccode.yml, falls back to publiccode.yaml, and ignores non-blob objects", async () => {
    const a = enc.encode("a: 1\n");
    const none = async () => null;
    expect(
      (await toRepositoryFacts(node(blob(a, "a: 1\n"), blob(a, "a: 1\n")), undefined, none)).publiccode?.path,
    ).toBe("publiccode.yml");
    expect((await toRepositoryFacts(node({}, blob(a, "a: 1\n")), undefined, none)).publiccode?.path).toBe(
      "publiccode.yaml",
    );
    expect((await toRepositoryFacts(node({}, null), undefined, none)).publiccode).toBeNull();
  });
});

// The world the fake GitHub serves: owners (organisations and users) and their repositories with flags, ids and
// files. Both the GraphQL resolvers and the REST handlers read it, and tests mutate it between two crawls
// (new/changed/removed file, rename, transfer, delete, archive). Lookups are maps so 50,000 repositories stay fast.
import { createHash } from "node:crypto";

export type OwnerType = "Organization" | "User";

export interface FakeOwner {
  login: string;
  type: OwnerType;
  databaseId: number;
  nodeId: string;
}

export interface FakeRepository {
  databaseId: number;
  nodeId: string;
  owner: string;
  name: string;
  isFork: boolean;
  /** owner/name of the parent when `isFork`. */
  parent: string | null;
  isArchived: boolean;
  isPrivate: boolean;
  isDisabled: boolean;
  defaultBranch: string;
  createdAt: string;
  pushedAt: string | null;
  /** Files at the default branch's HEAD, path → bytes. An empty map is an empty repository. */
  files: Map<string, Uint8Array>;
}

export type RepositoryInput = Partial<
  Omit<FakeRepository, "owner" | "name" | "files" | "nodeId" | "databaseId">
> & {
  files?: Record<string, string | Uint8Array> | Map<string, Uint8Array>;
};

const encoder = new TextEncoder();

/** The git blob id of some bytes: sha1("blob <size>\0" + bytes), as GitHub reports in `oid`. */
export function gitBlobSha(bytes: Uint8Array): string {
  return createHash("sha1").update(`blob ${bytes.byteLength}\0`).update(bytes).digest("hex");
}

export class GithubWorld {
  readonly owners = new Map<string, FakeOwner>();
  readonly repositories = new Map<string, FakeRepository>();
  /** Per owner (lower-case login), repositories in creation order: what the listing pages through. */
  readonly ownerRepositories = new Map<string, FakeRepository[]>();
  /** Old owner/name (lower-case) → node id, so renamed and transferred repositories still resolve. */
  readonly redirects = new Map<string, string>();
  private readonly byFullName = new Map<string, FakeRepository>();
  /** Lower-case login → node ids of repositories shared with that account (COLLABORATOR affiliation). */
  private readonly collaborations = new Map<string, Set<string>>();
  private nextId = 1;
  private tick = 0;

  addOwner(login: string, type: OwnerType = "Organization"): FakeOwner {
    const existing = this.owners.get(login.toLowerCase());
    if (existing) return existing;
    const databaseId = this.nextId++;
    const prefix = type === "Organization" ? "O_" : "U_";
    const owner: FakeOwner = { login, type, databaseId, nodeId: `${prefix}kgDO${databaseId.toString(36)}` };
    this.owners.set(login.toLowerCase(), owner);
    this.ownerRepositories.set(login.toLowerCase(), []);
    return owner;
  }

  addRepository(fullName: string, input: RepositoryInput = {}): FakeRepository {
    const [owner, name] = splitFullName(fullName);
    if (this.byFullName.has(fullName.toLowerCase())) throw new Error(`repository ${fullName} already exists`);
    const ownerRecord = this.owners.get(owner.toLowerCase()) ?? this.addOwner(owner);
    const databaseId = this.nextId++;
    // A deterministic, ever-increasing timestamp keeps creation order stable without a clock.
    const createdAt = new Date(Date.UTC(2020, 0, 1) + this.tick++ * 60_000).toISOString();
    const repo: FakeRepository = {
      databaseId,
      nodeId: `R_kgDO${databaseId.toString(36).padStart(6, "0")}`,
      owner: ownerRecord.login,
      name,
      isFork: input.isFork ?? false,
      parent: input.parent ?? null,
      isArchived: input.isArchived ?? false,
      isPrivate: input.isPrivate ?? false,
      isDisabled: input.isDisabled ?? false,
      defaultBranch: input.defaultBranch ?? "main",
      createdAt: input.createdAt ?? createdAt,
      pushedAt: input.pushedAt === undefined ? createdAt : input.pushedAt,
      files: toFileMap(input.files),
    };
    this.repositories.set(repo.nodeId, repo);
    this.byFullName.set(fullName.toLowerCase(), repo);
    this.ownerRepositories.get(ownerRecord.login.toLowerCase())!.push(repo);
    return repo;
  }

  /** Makes `login` a collaborator of `fullName`: GitHub lists it under that account unless asked for OWNER only. */
  addCollaborator(fullName: string, login: string): void {
    const key = login.toLowerCase();
    if (!this.collaborations.has(key)) this.collaborations.set(key, new Set());
    this.collaborations.get(key)!.add(this.getRepository(fullName).nodeId);
  }

  sharedWith(login: string): FakeRepository[] {
    const ids = this.collaborations.get(login.toLowerCase()) ?? new Set<string>();
    return [...ids].flatMap((id) => this.repositories.get(id) ?? []);
  }

  /** A repository by owner/name, following renames and transfers like GitHub does. */
  findRepository(fullName: string): FakeRepository | undefined {
    const key = fullName.toLowerCase();
    const direct = this.byFullName.get(key);
    if (direct) return direct;
    const redirected = this.redirects.get(key);
    return redirected ? this.repositories.get(redirected) : undefined;
  }

  getRepository(fullName: string): FakeRepository {
    const repo = this.findRepository(fullName);
    if (!repo) throw new Error(`no repository ${fullName} in the fake world`);
    return repo;
  }

  setFile(fullName: string, path: string, content: string | Uint8Array, pushedAt?: string): void {
    const repo = this.getRepository(fullName);
    repo.files.set(path, typeof content === "string" ? encoder.encode(content) : content);
    this.touch(repo, pushedAt);
  }

  removeFile(fullName: string, path: string, pushedAt?: string): void {
    const repo = this.getRepository(fullName);
    repo.files.delete(path);
    this.touch(repo, pushedAt);
  }

  rename(fullName: string, newName: string): void {
    this.move(fullName, this.getRepository(fullName).owner, newName);
  }

  transfer(fullName: string, newOwner: string): void {
    this.move(fullName, newOwner, this.getRepository(fullName).name);
  }

  archive(fullName: string, archived = true): void {
    this.getRepository(fullName).isArchived = archived;
  }

  deleteRepository(fullName: string): void {
    const repo = this.getRepository(fullName);
    this.repositories.delete(repo.nodeId);
    this.byFullName.delete(`${repo.owner}/${repo.name}`.toLowerCase());
    this.detach(repo);
    for (const [from, to] of this.redirects) if (to === repo.nodeId) this.redirects.delete(from);
  }

  private move(fullName: string, newOwner: string, newName: string): void {
    const repo = this.getRepository(fullName);
    const oldKey = `${repo.owner}/${repo.name}`.toLowerCase();
    const owner = this.owners.get(newOwner.toLowerCase()) ?? this.addOwner(newOwner);
    this.byFullName.delete(oldKey);
    this.detach(repo);
    repo.owner = owner.login;
    repo.name = newName;
    this.byFullName.set(`${owner.login}/${newName}`.toLowerCase(), repo);
    // The listing is in creation order and a transfer keeps the creation time, so an old repository moved in
    // lands mid-list: exactly the page shift that makes a lister see a repository twice.
    const list = this.ownerRepositories.get(owner.login.toLowerCase())!;
    const at = list.findIndex((r) => r.createdAt > repo.createdAt);
    list.splice(at < 0 ? list.length : at, 0, repo);
    this.redirects.set(oldKey, repo.nodeId);
  }

  private detach(repo: FakeRepository): void {
    const list = this.ownerRepositories.get(repo.owner.toLowerCase());
    const index = list?.indexOf(repo) ?? -1;
    if (list && index >= 0) list.splice(index, 1);
  }

  private touch(repo: FakeRepository, pushedAt?: string): void {
    const previous = repo.pushedAt ? Date.parse(repo.pushedAt) : Date.UTC(2020, 0, 1);
    repo.pushedAt = pushedAt ?? new Date(previous + 3_600_000).toISOString();
  }
}

function splitFullName(fullName: string): [string, string] {
  const parts = fullName.split("/");
  if (parts.length !== 2 || !parts[0] || !parts[1]) throw new Error(`expected owner/name, got ${fullName}`);
  return [parts[0], parts[1]];
}

function toFileMap(files: RepositoryInput["files"]): Map<string, Uint8Array> {
  if (!files) return new Map();
  if (files instanceof Map) return new Map(files);
  return new Map(
    Object.entries(files).map(([path, content]) => [
      path,
      typeof content === "string" ? encoder.encode(content) : content,
    ]),
  );
}

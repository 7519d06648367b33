// The fake GitLab's world: nested groups, users, projects with files at their default branch, and project shares.
// Tests build one per test and mutate it between two crawls (push a file, rename, transfer, archive, delete).
// The world has its own clock: each push first moves it `stepMs` (2 h by default) and then moves the project's
// last_activity_at the way GitLab does, only when the recorded activity is more than an hour old.
// @see https://gitlab.com/gitlab-org/gitlab-foss/-/merge_requests/6391 (activity updated at most once an hour)
import { createHash } from "node:crypto";

export type Visibility = "public" | "internal" | "private";
export type NamespaceRef = { kind: "group"; id: number } | { kind: "user"; id: number };

export interface FakeGroup {
  id: number;
  path: string;
  name: string;
  parentId: number | null;
  visibility: Visibility;
}

export interface FakeUser {
  id: number;
  username: string;
  name: string;
}

export interface FakeProject {
  id: number;
  path: string;
  namespace: NamespaceRef;
  visibility: Visibility;
  archived: boolean;
  defaultBranch: string | null;
  lastActivityAt: string;
  forkedFromId: number | null;
  repositoryAccessLevel: "enabled" | "private" | "disabled";
  /** Files at the default branch's HEAD, by path. */
  files: Map<string, Uint8Array>;
  /** Groups this project is shared into (GitLab "share project with group"). */
  sharedWithGroupIds: number[];
}

export interface AddProjectInput {
  path: string;
  namespace: NamespaceRef;
  files?: Record<string, string | Uint8Array>;
  visibility?: Visibility;
  archived?: boolean;
  /** null makes an empty repository (no commits, no default branch). */
  defaultBranch?: string | null;
  forkedFromId?: number;
}

/** The git blob id of some bytes: sha1("blob <size>\0" + bytes), what GitLab reports as blob_id. */
export function computeGitBlobId(bytes: Uint8Array): string {
  return createHash("sha1").update(`blob ${bytes.byteLength}\0`).update(bytes).digest("hex");
}

export class FakeGitlabWorld {
  readonly groups = new Map<number, FakeGroup>();
  readonly users = new Map<number, FakeUser>();
  readonly projects = new Map<number, FakeProject>();
  private nextId = 1;
  // Activity times advance one minute per mutation, so "changed" is visible without a clock.
  private time = Date.parse("2026-01-01T00:00:00Z");
  /** How far the world's clock moves before each push (and project creation). */
  stepMs = 2 * 60 * 60_000;

  addGroup(path: string, parent?: FakeGroup, visibility: Visibility = "public"): FakeGroup {
    const group = { id: this.nextId++, path, name: path, parentId: parent?.id ?? null, visibility };
    this.groups.set(group.id, group);
    return group;
  }

  addUser(username: string): FakeUser {
    const user = { id: this.nextId++, username, name: username };
    this.users.set(user.id, user);
    return user;
  }

  addProject(input: AddProjectInput): FakeProject {
    const files = new Map<string, Uint8Array>();
    for (const [path, content] of Object.entries(input.files ?? {})) files.set(path, toBytes(content));
    const project: FakeProject = {
      id: this.nextId++,
      path: input.path,
      namespace: input.namespace,
      visibility: input.visibility ?? "public",
      archived: input.archived ?? false,
      defaultBranch: input.defaultBranch === undefined ? "main" : input.defaultBranch,
      lastActivityAt: this.step(),
      forkedFromId: input.forkedFromId ?? null,
      repositoryAccessLevel: "enabled",
      files,
      sharedWithGroupIds: [],
    };
    this.projects.set(project.id, project);
    return project;
  }

  shareProject(project: FakeProject, group: FakeGroup): void {
    project.sharedWithGroupIds.push(group.id);
  }

  /** A push that adds or changes a file. */
  pushFile(project: FakeProject, path: string, content: string | Uint8Array): void {
    project.files.set(path, toBytes(content));
    this.recordActivity(project);
  }

  /** A push that deletes a file. */
  removeFile(project: FakeProject, path: string): void {
    project.files.delete(path);
    this.recordActivity(project);
  }

  /** A push that changes nothing the crawler looks at (activity moves, the file stays). */
  touch(project: FakeProject): void {
    this.recordActivity(project);
  }

  rename(project: FakeProject, newPath: string): void {
    project.path = newPath;
  }

  transfer(project: FakeProject, to: NamespaceRef): void {
    project.namespace = to;
  }

  setRepositoryAccess(project: FakeProject, level: FakeProject["repositoryAccessLevel"]): void {
    project.repositoryAccessLevel = level;
  }

  archive(project: FakeProject): void {
    project.archived = true;
  }

  delete(project: FakeProject): void {
    this.projects.delete(project.id);
  }

  /** Deletes a group with its subgroups and their projects, as GitLab does. */
  deleteGroup(group: FakeGroup): void {
    for (const project of [...this.projects.values()]) {
      const home = project.namespace.kind === "group" ? this.groups.get(project.namespace.id) : undefined;
      if (home && this.isWithin(home, group)) this.projects.delete(project.id);
    }
    for (const other of [...this.groups.values()])
      if (this.isWithin(other, group)) this.groups.delete(other.id);
  }

  /** The group's full path, e.g. "top/sub/leaf". */
  groupFullPath(group: FakeGroup): string {
    const parent = group.parentId === null ? undefined : this.groups.get(group.parentId);
    return parent ? `${this.groupFullPath(parent)}/${group.path}` : group.path;
  }

  namespaceFullPath(ref: NamespaceRef): string {
    if (ref.kind === "user") return this.users.get(ref.id)?.username ?? "?";
    const group = this.groups.get(ref.id);
    return group ? this.groupFullPath(group) : "?";
  }

  projectFullPath(project: FakeProject): string {
    return `${this.namespaceFullPath(project.namespace)}/${project.path}`;
  }

  /** True when `group` is `ancestor` or below it. */
  isWithin(group: FakeGroup, ancestor: FakeGroup): boolean {
    if (group.id === ancestor.id) return true;
    const parent = group.parentId === null ? undefined : this.groups.get(group.parentId);
    return parent ? this.isWithin(parent, ancestor) : false;
  }

  /** The world's current time, ISO 8601: what a crawler's clock would read now. */
  now(): string {
    return new Date(this.time).toISOString();
  }

  /** Moves the world's clock without any activity (time passing between crawls). */
  advance(ms: number): void {
    this.time += ms;
  }

  private step(): string {
    this.time += this.stepMs;
    return this.now();
  }

  // GitLab skips the update while the recorded activity is less than an hour old (Event#reset_project_activity).
  private recordActivity(project: FakeProject): void {
    const at = this.step();
    if (Date.parse(at) - Date.parse(project.lastActivityAt) > 60 * 60_000) project.lastActivityAt = at;
  }
}

function toBytes(content: string | Uint8Array): Uint8Array {
  return typeof content === "string" ? new TextEncoder().encode(content) : content;
}

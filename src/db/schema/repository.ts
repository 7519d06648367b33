// A repository seen on a forge. Keyed by the forge's own id so a renamed or transferred repository is the
// same row (its url is updated, the software keeps its history).
import { index, integer, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { codeHosting } from "./code-hosting.ts";
import { ms, timestamps } from "./columns.ts";
import { forge } from "./forge.ts";

export const repository = sqliteTable(
  "repository",
  {
    id: text("id").primaryKey(),
    forgeId: text("forge_id")
      .notNull()
      .references(() => forge.id),
    /** The forge's numeric id or GraphQL node id, as a string. */
    forgeRepoId: text("forge_repo_id").notNull(),
    url: text("url").notNull(),
    defaultBranch: text("default_branch"),
    isFork: integer("is_fork", { mode: "boolean" }).notNull().default(false),
    isArchived: integer("is_archived", { mode: "boolean" }).notNull().default(false),
    isPrivate: integer("is_private", { mode: "boolean" }).notNull().default(false),
    isEmpty: integer("is_empty", { mode: "boolean" }).notNull().default(false),
    pushedAt: ms("pushed_at"),
    lastSeenAt: ms("last_seen_at"),
    publiccodeBlobSha: text("publiccode_blob_sha"),
    publiccodePath: text("publiccode_path"),
    sourceId: text("source_id").references(() => codeHosting.id, { onDelete: "set null" }),
    ...timestamps,
  },
  (t) => [
    // upsert by forge identity: "is this the repository we saw before under another name?"
    uniqueIndex("repository_forge_repo_uq").on(t.forgeId, t.forgeRepoId),
    // find a repository by its current URL.
    index("repository_url_idx").on(t.url),
    // list the repositories found through one source (to spot those that left it).
    index("repository_source_idx").on(t.sourceId),
  ],
);

export type RepositoryRow = typeof repository.$inferSelect;

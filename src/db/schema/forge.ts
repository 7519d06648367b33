// A code host the harvester talks to (github.com, a GitHub Enterprise server, gitlab.com, a self-hosted GitLab).
import { sqliteTable, text } from "drizzle-orm/sqlite-core";
import { timestamps } from "./columns.ts";

export const forgeKinds = ["github", "gitlab"] as const;
export type ForgeKind = (typeof forgeKinds)[number];

export const forge = sqliteTable("forge", {
  id: text("id").primaryKey(),
  kind: text("kind", { enum: forgeKinds }).notNull(),
  /** Canonical host (with a non-default port); unique: serves "which forge hosts this URL?". */
  host: text("host").notNull().unique(),
  webUrl: text("web_url").notNull(),
  apiUrl: text("api_url").notNull(),
  /** GitHub GraphQL endpoint; null for GitLab. */
  graphqlUrl: text("graphql_url"),
  /** Name of the environment variable holding the API token (never the token itself). */
  tokenEnv: text("token_env"),
  ...timestamps,
});

export type ForgeRow = typeof forge.$inferSelect;

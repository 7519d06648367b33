// API bearer tokens. Only the SHA-256 of the secret is stored; the secret is shown once at creation.
import { sqliteTable, text } from "drizzle-orm/sqlite-core";
import { ms } from "./columns.ts";

export const tokenScopes = [
  "publishers:write",
  "software:write",
  "forges:write",
  "peers:write",
  "admin",
] as const;
export type TokenScope = (typeof tokenScopes)[number];

export const token = sqliteTable("token", {
  id: text("id").primaryKey(),
  name: text("name").notNull(),
  /** hex SHA-256 of the secret; unique: serves verifyToken. */
  hash: text("hash").notNull().unique(),
  scopes: text("scopes", { mode: "json" }).$type<TokenScope[]>().notNull(),
  createdAt: ms("created_at").notNull(),
  expiresAt: ms("expires_at"),
  revokedAt: ms("revoked_at"),
});

export type TokenRow = typeof token.$inferSelect;

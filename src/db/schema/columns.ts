// Column spreads shared by several tables. Times are integer milliseconds since the epoch (drizzle maps them to
// Date), so range filters and orderings are plain integer comparisons on an index.
import { integer } from "drizzle-orm/sqlite-core";

export const timestamps = {
  createdAt: integer("created_at", { mode: "timestamp_ms" }).notNull(),
  updatedAt: integer("updated_at", { mode: "timestamp_ms" }).notNull(),
};

export const ms = (name: string) => integer(name, { mode: "timestamp_ms" });

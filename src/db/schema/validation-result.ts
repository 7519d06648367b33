// The validator's findings for one fetched version, with the position in the file.
import { index, integer, sqliteTable, text } from "drizzle-orm/sqlite-core";
import { softwareVersion } from "./software-version.ts";

export const validationResult = sqliteTable(
  "validation_result",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    versionId: text("version_id")
      .notNull()
      .references(() => softwareVersion.id, { onDelete: "cascade" }),
    severity: text("severity", { enum: ["error", "warning"] }).notNull(),
    key: text("key"),
    message: text("message").notNull(),
    line: integer("line"),
    column: integer("column"),
  },
  (t) => [
    // the results of one version (harvest status), in file order.
    index("validation_result_version_idx").on(t.versionId, t.line),
  ],
);

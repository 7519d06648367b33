// Prepared inserts/updates for the commit path (software rows, their versions). Callers pass different column
// sets (a harvest, a peer record, an admin edit), so one statement is prepared per set of columns: the SQL names
// exactly the columns given, as the unprepared query did, and column defaults still apply to the others.
import { eq, getTableColumns, type Placeholder, type SQL, sql } from "drizzle-orm";
import { type SoftwareRow, software, softwareVersion } from "../../db/schema/index.ts";
import { cachedStatement } from "../../db/statement-cache.ts";
import type { DbOrTx } from "../context.ts";

type Columns = Record<string, unknown>;

// A prepared placeholder maps its value through the column even when null (a JSON column would store the text
// "null"), while an unprepared query binds null as NULL: null columns are written as a NULL literal instead,
// and which columns are null is part of the statement's shape. drizzle leaves undefined values out of the SQL;
// so does the shape. The key is built in one pass (it runs for every row written; the columns only on a miss):
// call sites list their columns in a fixed order, so the same shape always gives the same key.
function shapeKey(values: Columns): string {
  let key = "";
  for (const k in values) {
    const v = values[k];
    if (v !== undefined) key += v === null ? `${k}=null,` : `${k},`;
  }
  return key;
}

function shapeColumns(values: Columns): Record<string, Placeholder | SQL> {
  const columns: Record<string, Placeholder | SQL> = {};
  for (const k in values) {
    const v = values[k];
    if (v !== undefined) columns[k] = v === null ? sql`NULL` : sql.placeholder(k);
  }
  return columns;
}

// Every column absent from an insert is NULL except has_pending_invalid, whose default is false.
const absentColumns: Columns = {
  ...Object.fromEntries(Object.keys(getTableColumns(software)).map((k) => [k, null])),
  hasPendingInvalid: false,
};

/**
 * Inserts a software row and returns it as a select would. Only the row id comes back from SQLite: the rest is
 * what was written (profiled: returning every column and parsing its JSON back was a third of the insert).
 */
export function insertSoftwareStatement(tx: DbOrTx, values: Columns): SoftwareRow {
  const insert = cachedStatement(tx, `software.insert:${shapeKey(values)}`, () =>
    tx
      .insert(software)
      .values(shapeColumns(values) as never)
      .returning({ rowId: software.rowId })
      .prepare(),
  );
  const { rowId } = insert.get(values)!;
  const written = Object.fromEntries(Object.entries(values).filter(([, v]) => v !== undefined));
  return { ...absentColumns, ...written, rowId } as SoftwareRow;
}

/**
 * Updates `before` (the row as read in this transaction) with `values`; returns the row as a select would,
 * built from what was written, like insertSoftwareStatement. `values` must not hold a key named `whereId`.
 */
export function updateSoftwareStatement(tx: DbOrTx, before: SoftwareRow, values: Columns): SoftwareRow {
  const update = cachedStatement(tx, `software.update:${shapeKey(values)}`, () =>
    tx
      .update(software)
      .set(shapeColumns(values) as never)
      .where(eq(software.id, sql.placeholder("whereId")))
      .prepare(),
  );
  update.run({ ...values, whereId: before.id });
  const written = Object.fromEntries(Object.entries(values).filter(([, v]) => v !== undefined));
  return { ...before, ...written } as SoftwareRow;
}

export function insertVersionStatement(tx: DbOrTx, values: Columns): void {
  cachedStatement(tx, `softwareVersion.insert:${shapeKey(values)}`, () =>
    tx
      .insert(softwareVersion)
      .values(shapeColumns(values) as never)
      .prepare(),
  ).run(values);
}

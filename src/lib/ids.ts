// Entity ids: UUIDs in the v4 shape that the open-catalog-api spec's id pattern requires, generated time-ordered
// (the "COMB" technique): a UUIDv7, whose first 48 bits are the millisecond and which the uuid package keeps
// monotonic within one, with its version digit written as 4. Random v4 keys scatter every insert across the
// id-keyed indexes (software, versions, change log, federation records); time-ordered keys append on their
// right-most pages, so a transaction writing 500 records dirties a few pages per index instead of hundreds.
import { v7 } from "uuid";

/** A new entity id: a time-ordered UUID matching the v4 pattern (version digit 4, variant bits 10). */
export function newEntityId(): string {
  const id = v7();
  return `${id.slice(0, 14)}4${id.slice(15)}`;
}

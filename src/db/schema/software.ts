// One software per canonical URL. It serves its last valid publiccode.yml (document) even when a newer invalid
// version was fetched (has_pending_invalid); parsed columns feed the API and search, provenance columns
// feed federation.
import { isNotNull } from "drizzle-orm";
import { blob, index, integer, sqliteTable, text } from "drizzle-orm/sqlite-core";
import { ms, timestamps } from "./columns.ts";
import { publisher } from "./publisher.ts";
import { repository } from "./repository.ts";

/** Lifecycle states; see src/services/software/lifecycle.ts for the transitions. */
export const softwareStates = [
  "active",
  "invalid-pending",
  "suspended",
  "gone",
  "file-removed",
  "archived",
  "left-publisher",
  "withdrawn",
] as const;
export type SoftwareState = (typeof softwareStates)[number];

export const software = sqliteTable(
  "software",
  {
    /** Integer key used by the search tables (FTS5 rowid, software_facet); never exposed. */
    rowId: integer("row_id").primaryKey({ autoIncrement: true }),
    id: text("id").notNull().unique(),
    /** Canonical URL; unique. Older URLs live in software_alias. */
    url: text("url").notNull().unique(),
    publisherId: text("publisher_id").references(() => publisher.id, { onDelete: "set null" }),
    repositoryId: text("repository_id").references(() => repository.id, { onDelete: "set null" }),
    state: text("state", { enum: softwareStates }).notNull(),
    stateReason: text("state_reason"),
    hasPendingInvalid: integer("has_pending_invalid", { mode: "boolean" }).notNull().default(false),
    /** Bytes of the served file as fetched; null while no valid version was ever seen. */
    raw: blob("raw", { mode: "buffer" }),
    /** Normalised document (JSON) of the served version, with overrides applied. */
    document: text("document", { mode: "json" }).$type<Record<string, unknown>>(),
    publiccodeYmlVersion: text("publiccode_yml_version"),
    servedVersionId: text("served_version_id"),
    name: text("name"),
    /** { [lang]: { shortDescription, longDescription, features } } */
    descriptions: text("descriptions", { mode: "json" }).$type<
      Record<string, { shortDescription?: string; longDescription?: string; features?: string[] }>
    >(),
    categories: text("categories", { mode: "json" }).$type<string[]>(),
    platforms: text("platforms", { mode: "json" }).$type<string[]>(),
    softwareType: text("software_type"),
    developmentStatus: text("development_status"),
    license: text("license"),
    languages: text("languages", { mode: "json" }).$type<string[]>(),
    countries: text("countries", { mode: "json" }).$type<string[]>(),
    organisationUri: text("organisation_uri"),
    supports: text("supports", { mode: "json" }).$type<string[]>(),
    /** Canonical URL of the software this one is based on (publiccode isBasedOn). */
    isBasedOn: text("is_based_on"),
    /** Admin-curated values merged over the document (JSON merge-patch). */
    overrides: text("overrides", { mode: "json" }).$type<Record<string, unknown>>(),
    // Provenance, for federation: where the record came from and through which peers.
    originCatalogueId: text("origin_catalogue_id"),
    originSoftwareId: text("origin_software_id"),
    /** The origin's id of this software's publisher (record body `publisherId`): links the copy to that
     * publisher's copy, whichever of the two arrives first. */
    originPublisherId: text("origin_publisher_id"),
    relayChain: text("relay_chain", { mode: "json" }).$type<unknown[]>(),
    signature: text("signature"),
    sourceForge: text("source_forge"),
    sourceRepo: text("source_repo"),
    sourceBranch: text("source_branch"),
    sourceBlobSha: text("source_blob_sha"),
    sourceCommitAt: ms("source_commit_at"),
    /** When the served version was fetched. */
    fetchedAt: ms("fetched_at"),
    /** Last time the harvester looked (even when nothing changed); not part of the change-log snapshot. */
    checkedAt: ms("checked_at"),
    ...timestamps,
  },
  (t) => [
    // listSoftware({ from, to }) with all: keyset on (updated_at, row_id); search's updatedSince filter.
    index("software_updated_idx").on(t.updatedAt, t.rowId),
    // listSoftware (active only) and search without text: state = 'active' ordered by (updated_at, row_id),
    // and the index-only count of active software.
    index("software_state_updated_idx").on(t.state, t.updatedAt, t.rowId),
    // The three indexes on nullable links below are partial (non-null values only): every lookup through them is
    // `column = ?`, which SQLite matches to an IS NOT NULL index, and rows with no link (every synced copy has
    // no repository, most have no publisher yet) then cost no index entry. Profiled on a 100,000-record
    // bootstrap, those entries made the software insert about 20 µs (40%) dearer.
    // a publisher's software (API list by publisher, "left-publisher" checks).
    index("software_publisher_idx").on(t.publisherId).where(isNotNull(t.publisherId)),
    // the harvester's "which software comes from this repository?".
    index("software_repository_idx").on(t.repositoryId).where(isNotNull(t.repositoryId)),
    // federation: find the local copy of a peer's record.
    index("software_origin_idx").on(t.originCatalogueId, t.originSoftwareId),
    // federation: the copies naming a peer's publisher, linked when that publisher's copy arrives.
    index("software_origin_publisher_idx")
      .on(t.originCatalogueId, t.originPublisherId)
      .where(isNotNull(t.originPublisherId)),
  ],
);

export type SoftwareRow = typeof software.$inferSelect;

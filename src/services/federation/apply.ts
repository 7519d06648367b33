// Writes an applied peer record through the software commit path (row, search index and change row in the
// caller's transaction), then keeps the record as received next to the change row it caused, so our feed can
// relay it with its origin's signature. Curated fields survive: the row's `overrides` (an admin's merge-patch)
// are applied over every incoming document, exactly as for our own harvests.
import { sql } from "drizzle-orm";
import type { FederationRecord } from "../../../schemas/federation/record.ts";
import { federationRecord, type SoftwareRow, type SoftwareState } from "../../db/schema/index.ts";
import { cachedStatement } from "../../db/statement-cache.ts";
import type { ApplyEffect } from "../../federation/conflict.ts";
import { canonicalUrl } from "../../lib/url.ts";
import type { DbOrTx, ServiceContext } from "../context.ts";
import { type CommitResult, insertSoftware, updateSoftwareRow } from "../software/commit.ts";
import { aliasesOf, findSoftwareRowByUrl } from "../software/load.ts";
import { insertVersion, servedColumns } from "../software/versions.ts";
import { publisherLinkOf } from "./publisher-link.ts";

const stateOfTombstone: Record<string, SoftwareState> = {
  "repository-gone": "gone",
  "file-removed": "file-removed",
  archived: "archived",
  "left-publisher": "left-publisher",
  "publisher-removed": "withdrawn",
  withdrawn: "withdrawn",
};

function date(value: string | null | undefined): Date | null {
  return value ? new Date(value) : null;
}

function upsertValues(ctx: ServiceContext, incoming: FederationRecord, row: SoftwareRow | null) {
  if (incoming.action !== "upsert" || incoming.type !== "software") throw new Error("not a software upsert");
  const source = incoming.provenance.source;
  const versionId = ctx.newId();
  const raw = Buffer.from(incoming.body.publiccodeYml ?? JSON.stringify(incoming.body.publiccode), "utf8");
  const fetchedAt = date(source?.fetchedAt) ?? ctx.clock.now();
  const served = servedColumns(incoming.body.publiccode, row?.overrides ?? null, {
    versionId,
    raw,
    version: String(incoming.body.publiccode.publiccodeYmlVersion ?? "") || null,
    fetchedAt,
    blobSha: source?.blobSha ?? null,
  });
  const values: Partial<SoftwareRow> = {
    ...served,
    // An admin's suspension is local and sticky; anything else comes back to life with the new version.
    state: row?.state === "suspended" ? "suspended" : "active",
    stateReason: null,
    hasPendingInvalid: false,
    originCatalogueId: incoming.provenance.origin.catalogueId,
    originSoftwareId: incoming.id,
    relayChain: incoming.provenance.relayedBy,
    signature: incoming.signature,
    sourceForge: source?.forge ?? null,
    sourceRepo: source?.repositoryUrl ?? null,
    sourceBranch: source?.defaultBranch ?? null,
    sourceCommitAt: date(source?.committedAt),
  };
  const version = { raw, blobSha: served.sourceBlobSha ?? null, fetchedAt };
  return { values, versionId, version, document: served.document as Record<string, unknown> };
}

function freeAliases(tx: DbOrTx, urls: string[], except: string): string[] {
  const out: string[] = [];
  for (const url of urls) {
    let canonical: string;
    try {
      canonical = canonicalUrl(url);
    } catch {
      continue;
    }
    if (canonical !== except && !out.includes(canonical) && !findSoftwareRowByUrl(tx, canonical))
      out.push(canonical);
  }
  return out;
}

/** Applies one decided record; returns the local software id it wrote, or null when nothing was written. */
export function applyPeerRecord(
  tx: DbOrTx,
  ctx: ServiceContext,
  incoming: FederationRecord,
  effect: ApplyEffect,
  row: SoftwareRow | null,
): string | null {
  let softwareId: string;
  let written: CommitResult;
  if (incoming.action === "delete") {
    if (!row) return null;
    const state =
      effect === "mark" ? "archived" : (stateOfTombstone[incoming.tombstone.reason] ?? "withdrawn");
    const reason = `${incoming.tombstone.reason} at ${incoming.provenance.origin.catalogueId}`;
    written = updateSoftwareRow(
      tx,
      ctx,
      row,
      {
        state,
        stateReason: reason,
        relayChain: incoming.provenance.relayedBy,
        signature: incoming.signature,
      },
      {
        reason,
        beforeAliases: aliasesOf(tx, row.id),
        action: state === "withdrawn" ? "delete" : "update",
        relayed: true,
      },
    );
    softwareId = row.id;
  } else {
    const { values, versionId, version, document } = upsertValues(ctx, incoming, row);
    Object.assign(values, publisherLinkOf(tx, incoming));
    const outcome = { valid: true, version: values.publiccodeYmlVersion ?? null, document, results: [] };
    const reason = `synced from ${incoming.provenance.relayedBy.at(-1) ?? incoming.provenance.origin.catalogueId}`;
    if (row) {
      insertVersion(tx, versionId, row.id, { ...version, outcome });
      written = updateSoftwareRow(tx, ctx, row, values, {
        reason,
        beforeAliases: aliasesOf(tx, row.id),
        relayed: true,
      });
      softwareId = row.id;
    } else {
      if (incoming.type !== "software") return null;
      const url = canonicalUrl(incoming.body.url);
      softwareId = ctx.newId();
      const aliases = freeAliases(tx, incoming.body.aliases, url);
      // The version row must exist before the software names it as served; insert the software first, then it.
      written = insertSoftware(
        tx,
        ctx,
        { id: softwareId, url, ...values, state: "active" } as never,
        reason,
        aliases,
        { relayed: true },
      );
      insertVersion(tx, versionId, softwareId, { ...version, outcome });
    }
  }
  // Kept next to the change row it caused, so the feed relays the record exactly as its origin signed it.
  if (written.seq !== undefined) {
    cachedStatement(tx, "federationRecord.insert", () =>
      tx
        .insert(federationRecord)
        .values({
          seq: sql.placeholder("seq"),
          entityType: "software",
          entityId: sql.placeholder("entityId"),
          record: sql.placeholder("record"),
        })
        .prepare(),
    ).run({ seq: written.seq, entityId: softwareId, record: incoming });
  }
  return softwareId;
}

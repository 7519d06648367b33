// Mirroring an incumbent catalogue that speaks open-catalog-api (or developers-italia-api): it has no change
// feed and no signatures, so each run lists its software, validates every publiccode.yml with our validator,
// and keeps each valid one as an unsigned copy marked as relayed from that catalogue (originCatalogueId = the
// peer, relayChain = [peer], no signature). Such a copy never replaces a first-hand one, only our earlier copy
// of the same remote item when the remote says it changed since; and it is never re-published (unsigned).
import { and, eq } from "drizzle-orm";
import { type PeerRow, type SoftwareRow, software } from "../../db/schema/index.ts";
import { createOpenCatalogClient, type MirrorItem } from "../../forges/open-catalog-api/index.ts";
import { canonicalUrl } from "../../lib/url.ts";
import type { DbOrTx, ServiceContext } from "../context.ts";
import { insertSoftware, updateSoftwareRow } from "../software/commit.ts";
import { aliasesOf, findSoftwareRowByUrl } from "../software/load.ts";
import { validateBytes } from "../software/validate.ts";
import { insertVersion, servedColumns } from "../software/versions.ts";
import type { PeerFetch } from "./peer-http.ts";

export interface MirrorOutcome {
  applied: number;
  skipped: number;
  rejected: number;
}

function localCopy(tx: DbOrTx, peerId: string, item: MirrorItem, url: string): SoftwareRow | undefined {
  const same = tx
    .select()
    .from(software)
    .where(and(eq(software.originCatalogueId, peerId), eq(software.originSoftwareId, item.id)))
    .get();
  return same ?? findSoftwareRowByUrl(tx, url);
}

function applyItem(tx: DbOrTx, ctx: ServiceContext, peer: PeerRow, item: MirrorItem, outcome: MirrorOutcome) {
  const validation = validateBytes(item.publiccodeYml);
  let url: string;
  try {
    url = canonicalUrl(item.url);
  } catch {
    validation.valid = false;
  }
  if (!validation.valid || !validation.document) {
    outcome.rejected += 1;
    ctx.logger.warn({ peer: peer.id, id: item.id }, "mirrored publiccode.yml is not valid");
    return;
  }
  const row = localCopy(tx, peer.id, item, url!);
  const ours = row?.originCatalogueId === peer.id && row.originSoftwareId === item.id;
  // Someone else's copy (our harvest, a signed peer's record) always wins over an unsigned mirror copy.
  if (row && (!ours || (row.fetchedAt && row.fetchedAt.getTime() >= Date.parse(item.updatedAt)))) {
    outcome.skipped += 1;
    return;
  }
  const versionId = ctx.newId();
  const raw = Buffer.from(item.publiccodeYml);
  const fetchedAt = new Date(item.updatedAt);
  const served = servedColumns(validation.document, row?.overrides ?? null, {
    versionId,
    raw,
    version: validation.version,
    fetchedAt,
    blobSha: null,
  });
  const values: Partial<SoftwareRow> = {
    ...served,
    state: row?.state === "suspended" ? "suspended" : "active",
    stateReason: null,
    originCatalogueId: peer.id,
    originSoftwareId: item.id,
    relayChain: [peer.id],
    signature: null,
    sourceForge: "open-catalog-api",
    sourceRepo: url!,
  };
  const reason = `mirrored from ${peer.id}`;
  const facts = { raw, blobSha: null, outcome: validation, fetchedAt };
  if (row) {
    insertVersion(tx, versionId, row.id, facts);
    updateSoftwareRow(tx, ctx, row, values, { reason, beforeAliases: aliasesOf(tx, row.id) });
  } else {
    const id = ctx.newId();
    const aliases = item.aliases.flatMap((a) => {
      try {
        const canonical = canonicalUrl(a);
        return canonical !== url! && !findSoftwareRowByUrl(tx, canonical) ? [canonical] : [];
      } catch {
        return [];
      }
    });
    insertSoftware(tx, ctx, { id, url: url!, ...values, state: "active" } as never, reason, [
      ...new Set(aliases),
    ]);
    insertVersion(tx, versionId, id, facts);
  }
  outcome.applied += 1;
}

/** Lists the whole remote catalogue and applies it in batches of 100 items per transaction. */
export async function mirrorOpenCatalog(
  ctx: ServiceContext,
  peer: PeerRow,
  options: { allowPrivateNetwork: boolean; fetch?: PeerFetch },
): Promise<MirrorOutcome> {
  const client = createOpenCatalogClient({
    baseUrl: peer.baseUrl,
    allowPrivateNetwork: options.allowPrivateNetwork,
    ...(options.fetch ? { fetch: options.fetch } : {}),
  });
  const outcome: MirrorOutcome = { applied: 0, skipped: 0, rejected: 0 };
  let batch: MirrorItem[] = [];
  const flush = () => {
    const items = batch;
    batch = [];
    ctx.db.transaction((tx) => {
      for (const item of items) applyItem(tx, ctx, peer, item, outcome);
    });
  };
  const onSkipped = () => {
    outcome.rejected += 1;
  };
  for await (const item of client.listSoftware({ onSkipped })) {
    batch.push(item);
    if (batch.length >= 100) flush();
  }
  flush();
  return outcome;
}

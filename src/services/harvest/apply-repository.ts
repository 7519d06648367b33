// One listed repository → at most one transaction: the repository row, the software version and lifecycle,
// and their change-log rows commit together or not at all, so a worker killed mid-crawl leaves no partial
// write, and the blob sha stored on the repository row always matches what the software has recorded.
import { eq } from "drizzle-orm";
import { type ForgeRow, type RepositoryRow, type SoftwareRow, software } from "../../db/schema/index.ts";
import type { RepositoryFacts } from "../../forges/types.ts";
import { canonicalUrl } from "../../lib/url.ts";
import type { DbOrTx, ServiceContext } from "../context.ts";
import { moveSoftwareUrl } from "../software/aliases.ts";
import { updateSoftwareRow } from "../software/commit.ts";
import { reappearingStates, resumedState, stickyStates } from "../software/lifecycle.ts";
import { aliasesOf, findSoftwareRowByUrl } from "../software/load.ts";
import { recordSoftwareVersionInTx } from "../software/record-version.ts";
import { validateBytes } from "../software/validate.ts";
import { classifyRepository, isTechnicalFork } from "./classify.ts";
import { upsertRepositoryRow } from "./repository-row.ts";
import { harvestStatements } from "./statements.ts";

export type RepositoryOutcome = "unchanged" | "created" | "updated" | "technical-fork" | "ended" | "recorded";

export interface ApplyRepositoryInput {
  forge: ForgeRow;
  sourceId: string;
  publisherId: string;
  /** What the catalogue knew of this repository (by forge id), if anything. */
  known: RepositoryRow | undefined;
  facts: RepositoryFacts;
}

export interface AppliedRepository {
  outcome: RepositoryOutcome;
  /** Whether a version was recorded and did not validate. */
  invalid: boolean;
}

export function applyListedRepository(ctx: ServiceContext, input: ApplyRepositoryInput): AppliedRepository {
  const { facts, known } = input;
  const change = classifyRepository(known, facts);
  if (change === "unchanged") return { outcome: "unchanged", invalid: false };
  const file = facts.publiccodeNotModified ? null : facts.publiccode;
  // Parse outside the transaction: it is pure CPU and the write lock should be held as briefly as possible.
  const validation = change === "file" && file ? validateBytes(file.bytes) : null;
  const blob =
    change === "file-removed"
      ? null
      : file
        ? { sha: file.blobSha, path: file.path }
        : known?.publiccodeBlobSha
          ? { sha: known.publiccodeBlobSha, path: known.publiccodePath ?? "publiccode.yml" }
          : null;

  return ctx.db.transaction((tx) => {
    const { row: repo, inserted } = upsertRepositoryRow(tx, ctx, {
      forgeId: input.forge.id,
      sourceId: input.sourceId,
      facts,
      blob,
    });
    // A repository row created just now has no software yet.
    const linked = !inserted
      ? harvestStatements(ctx.db).softwareByRepository.get({ repositoryId: repo.id })
      : undefined;
    if (change === "file" && file && validation) {
      const declared = declaredUrl(validation.document);
      const ownUrls = [repo.url, known?.url, linked?.url, ...(linked ? aliasesOf(tx, linked.id) : [])];
      const technicalFork = isTechnicalFork({
        declaredUrl: declared,
        ownUrls: ownUrls.filter((u): u is string => !!u),
        forgeSaysFork: facts.isFork,
        declaredUrlIsCatalogued: declared !== null && findSoftwareRowByUrl(tx, declared) !== undefined,
      });
      if (!linked && technicalFork) {
        return { outcome: "technical-fork", invalid: false };
      }
      const result = recordSoftwareVersionInTx(tx, ctx, {
        url: repo.url,
        raw: Buffer.from(file.bytes),
        blobSha: file.blobSha,
        validation,
        publisherId: input.publisherId,
        repositoryId: repo.id,
        forgeStatus: "200",
        source: {
          forge: input.forge.host,
          repo: repo.url,
          branch: facts.defaultBranch,
          commitAt: facts.pushedAt ? new Date(facts.pushedAt) : null,
        },
      });
      if (facts.isArchived) endSoftware(tx, ctx, result.software.id, "archived", "repository archived");
      return { outcome: result.action === "create" ? "created" : "updated", invalid: !validation.valid };
    }
    if (!linked) return { outcome: "recorded", invalid: false };
    if (change === "file-removed") {
      return endSoftware(tx, ctx, linked.id, "file-removed", "publiccode file removed from the repository")
        ? { outcome: "ended", invalid: false }
        : { outcome: "recorded", invalid: false };
    }
    return { outcome: followRepositoryFacts(tx, ctx, linked, repo, input.publisherId), invalid: false };
  });
}

/** Carries a rename, a transfer, an archival or a return onto the software, without a new version. */
function followRepositoryFacts(
  tx: DbOrTx,
  ctx: ServiceContext,
  row: SoftwareRow,
  repo: RepositoryRow,
  publisherId: string,
): RepositoryOutcome {
  const beforeAliases = aliasesOf(tx, row.id);
  // A renamed or transferred repository: same software (found by forge id), new URL, old URL kept as alias.
  if (row.url !== repo.url) moveSoftwareUrl(tx, ctx, row.id, row.url, repo.url);
  let state = row.state;
  let stateReason = row.stateReason;
  if (!stickyStates.has(row.state)) {
    if (repo.isArchived && row.state !== "archived")
      [state, stateReason] = ["archived", "repository archived"];
    else if (!repo.isArchived && (reappearingStates.has(row.state) || row.state === "archived")) {
      [state, stateReason] = [resumedState(row.servedVersionId !== null), null];
    }
  }
  const archived = state === "archived" && row.state !== "archived";
  const result = updateSoftwareRow(
    tx,
    ctx,
    row,
    { url: repo.url, publisherId, state, stateReason },
    // The change log says why: an archival is an end of life, not a mere facts update.
    { reason: archived ? "repository archived" : "repository facts changed", beforeAliases },
  );
  if (result.action === "none") return "recorded";
  return archived ? "ended" : "updated";
}

/** Ends a software's life for a harvest reason; sticky admin states are left alone. Returns whether it changed. */
export function endSoftware(
  tx: DbOrTx,
  ctx: ServiceContext,
  softwareId: string,
  state: "gone" | "file-removed" | "archived" | "left-publisher",
  reason: string,
): boolean {
  const row = tx.select().from(software).where(eq(software.id, softwareId)).get();
  if (!row || stickyStates.has(row.state) || row.state === state) return false;
  const result = updateSoftwareRow(
    tx,
    ctx,
    row,
    { state, stateReason: reason },
    { reason, beforeAliases: aliasesOf(tx, row.id) },
  );
  return result.action !== "none";
}

function declaredUrl(document: Record<string, unknown> | null): string | null {
  const url = document?.url;
  if (typeof url !== "string") return null;
  try {
    return canonicalUrl(url);
  } catch {
    return null;
  }
}

// Harvest status: the store's verb, with dates as RFC 3339 strings and the internal version ids left out.
import { getSoftwareHarvestStatus } from "../../services/harvest-status/index.ts";
import type { CatalogueServices } from "../services.ts";
import { iso, type StoreDeps, serviceContext } from "./context.ts";

const isoOrNull = (d: Date | null) => (d ? iso(d) : null);

export function storeHarvestStatus(deps: StoreDeps): CatalogueServices["software"]["harvestStatus"] {
  return async (cx, { id }) => {
    const s = await getSoftwareHarvestStatus({ ctx: serviceContext(deps, cx), input: { id } });
    return {
      softwareId: s.softwareId,
      state: s.state,
      stateReason: s.stateReason,
      hasPendingInvalid: s.hasPendingInvalid,
      lastCheckedAt: isoOrNull(s.lastCheckedAt),
      lastFetchedAt: isoOrNull(s.lastFetchedAt),
      forgeAnswer: s.forgeAnswer,
      latestVersion: s.latestVersion
        ? {
            blobSha: s.latestVersion.blobSha,
            fetchedAt: iso(s.latestVersion.fetchedAt),
            valid: s.latestVersion.valid,
            publiccodeYmlVersion: s.latestVersion.publiccodeYmlVersion,
          }
        : null,
      servedVersion: s.servedVersion
        ? { blobSha: s.servedVersion.blobSha, fetchedAt: iso(s.servedVersion.fetchedAt) }
        : null,
      servedBecause: s.servedBecause,
      errors: s.errors,
      warnings: s.warnings,
    };
  };
}

// Binds the HTTP port (../services.ts) to the store's verbs (src/services). The only place src/http reaches
// into the store; mapping between the store's records and the open-catalog-api shapes lives here too.
import type { CatalogueServices } from "../services.ts";
import { storeCatalogs } from "./catalogs.ts";
import type { StoreDeps } from "./context.ts";
import { storeHarvestStatus } from "./harvest-status.ts";
import { storeLogs } from "./logs.ts";
import { storePublishers } from "./publishers.ts";
import { storeSearch } from "./search.ts";
import { storeSoftware } from "./software.ts";

export type { StoreDeps };

export function createStoreServices(deps: StoreDeps): CatalogueServices {
  const { logs, listSoftwareLogs } = storeLogs(deps);
  return {
    software: { ...storeSoftware(deps), listLogs: listSoftwareLogs, harvestStatus: storeHarvestStatus(deps) },
    publishers: storePublishers(deps),
    logs,
    search: storeSearch(deps),
    catalogs: storeCatalogs(deps),
  };
}

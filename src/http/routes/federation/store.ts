// Binds the federation routes' port to the service verbs (no ORM here: verbs only). Settings are read
// through a getter because the public base URL may only be known once the server has bound its port.

import type { Db } from "../../../db/client.ts";
import { buildCatalogueDescriptor } from "../../../federation/descriptor.ts";
import type { Clock } from "../../../lib/clock.ts";
import type { Logger } from "../../../logger.ts";
import { createServiceContext } from "../../../services/context.ts";
import {
  addPeer,
  type FederationSettings,
  listPeers,
  type PeerFetch,
  readChangesPage,
  readSnapshotPage,
} from "../../../services/federation/index.ts";
import { ApiError } from "../../errors.ts";
import type { FederationServices } from "./port.ts";

export interface FederationStoreOptions {
  db: Db;
  clock: Clock;
  logger: Logger;
  settings: () => FederationSettings | null;
  fetch?: PeerFetch;
}

export function createFederationServices(options: FederationStoreOptions): FederationServices {
  const settings = () => {
    const current = options.settings();
    if (!current) throw new ApiError(503, "Federation is starting; retry shortly.");
    return current;
  };
  const ctx = (actor: string | null) =>
    createServiceContext({
      db: options.db,
      clock: options.clock,
      logger: options.logger,
      actor: actor ?? "anonymous",
    });
  return {
    descriptor: () => buildCatalogueDescriptor({ ...settings(), id: settings().catalogueId }),
    changes: (query) => readChangesPage(ctx(null), settings(), query),
    snapshot: (query) => readSnapshotPage(ctx(null), settings(), query),
    addPeer: (cx, input) =>
      addPeer(
        ctx(cx.actor),
        {
          selfCatalogueId: settings().catalogueId,
          allowPrivateNetwork: settings().allowPrivateNetwork,
          ...(options.fetch ? { fetch: options.fetch } : {}),
        },
        {
          url: input.url,
          ...(input.name ? { name: input.name } : {}),
          ...(input.kind ? { kind: input.kind } : {}),
        },
      ),
    listPeers: (cx) => listPeers(ctx(cx.actor)),
  };
}

// Catalogs: the open-catalog-api lists the catalogues an instance knows; ours are the federation peers, the
// catalogues this one syncs from (src/services/federation/peers.ts). Everything this instance harvests itself
// lives in the implicit root catalog, which the open-catalog-api does not list.
import { createHash } from "node:crypto";
import type { PeerRow } from "../../db/schema/index.ts";
import { listPeerPage } from "../../services/federation/index.ts";
import type { CatalogueServices, CatalogView } from "../services.ts";
import { cursorFromWire, iso, type StoreDeps, serviceContext, wireLinks } from "./context.ts";

/**
 * Peer ids are catalogue ids (host-like names); the spec wants a UUID v4-shaped Catalog id. The id is derived
 * from the peer id (SHA-256, with the version and variant bits of a v4), so it is stable across restarts and
 * instances, and the peer id itself travels as alternativeId.
 */
export function peerIdToWire(peerId: string): string {
  const hex = createHash("sha256").update(`peer:${peerId}`).digest("hex");
  const variant = ((Number.parseInt(hex[16]!, 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

export function toCatalogView(row: PeerRow): CatalogView {
  return {
    id: peerIdToWire(row.id),
    name: row.name,
    alternativeId: row.id,
    // A peer has no on/off switch: a registered one is synced (a failing one is retried with backoff).
    active: true,
    sources: [{ url: row.baseUrl, driver: row.kind }],
    createdAt: iso(row.createdAt),
    updatedAt: iso(row.updatedAt),
  };
}

export function storeCatalogs(deps: StoreDeps): CatalogueServices["catalogs"] {
  return {
    // `all` changes nothing: every peer is active.
    async list(cx, q) {
      const page = await listPeerPage({
        ctx: serviceContext(deps, cx),
        input: { cursor: cursorFromWire(q.after), before: cursorFromWire(q.before), limit: q.limit },
      });
      return { data: page.data.map(toCatalogView), ...wireLinks(page) };
    },
  };
}

// What the federation and peer routes need from the store, injected through AppDeps.federation (wired in
// src/node.ts from src/services/federation). Absent when the server has no federation identity (404 then).
import type { CatalogueDescriptor } from "../../../../schemas/federation/descriptor.ts";
import type { FederationRecord } from "../../../../schemas/federation/record.ts";
import type { PeerView } from "../../../services/federation/index.ts";
import type { CallContext } from "../../services.ts";

export type { PeerView };

export interface FeedPageView {
  records: FederationRecord[];
  hasMore: boolean;
  nextCursor: string;
  changesCursor?: string;
}

export interface FederationServices {
  descriptor(): CatalogueDescriptor;
  changes(query: { cursor?: string | undefined; limit?: string | undefined }): Promise<FeedPageView>;
  snapshot(query: { cursor?: string | undefined; limit?: string | undefined }): Promise<FeedPageView>;
  addPeer(
    cx: CallContext,
    input: { url: string; name?: string | undefined; kind?: PeerView["kind"] | undefined },
  ): Promise<PeerView>;
  listPeers(cx: CallContext): PeerView[];
}

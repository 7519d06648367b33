// Federation verbs: publishing (descriptor, changes feed, snapshot), peers and the sync from them.
// The pure protocol parts live in src/federation; this folder adds the store.
export {
  type CompactInput,
  type CompactResult,
  compactChangeLog,
  compactionHorizon,
  lastCompaction,
} from "./compact.ts";
export { emitRecords } from "./emit.ts";
export {
  FEED_LIMIT_MAX,
  type FeedPageInput,
  type FeedPageResult,
  parseFeedLimit,
  readChangesPage,
  readSnapshotPage,
} from "./feed.ts";
export { type PeerFetch, PeerPageError } from "./peer-http.ts";
export {
  type AddPeerInput,
  addPeer,
  type ListPeerPageInput,
  listDuePeers,
  listPeerPage,
  listPeers,
  type PeerDeps,
  type PeerView,
} from "./peers.ts";
export { type FederationSettings, loadOrCreateSigningKey, resolveFederationSettings } from "./settings.ts";
export { type SyncDeps, type SyncProgress, type SyncResult, syncPeer, syncPeers } from "./sync.ts";

// Federation primitives: pure domain logic (records, keys, signatures, conflict rules, cursors), no database.
// The sync service (src/services/federation) and the federation routes build on these.
export { CanonicalJsonError, canonicalizeJson, canonicalJsonBytes } from "./canonical-json.ts";
export {
  type ApplyEffect,
  type DecideIncomingInput,
  type Decision,
  decideIncoming,
  tombstoneEffect,
} from "./conflict.ts";
export { overlayCuratedFields } from "./curated-fields.ts";
export { decodeCursor, encodeCursor, type FeedCursor, InvalidCursorError } from "./cursor.ts";
export { type BuildDescriptorInput, buildCatalogueDescriptor } from "./descriptor.ts";
export { FeedPageError, type ReadFeedPage, readFeedPage } from "./feed-page.ts";
export {
  buildCatalogueJwks,
  generateCatalogueKeyPair,
  importSigningKey,
  KeyFormatError,
  type PrivateSigningJwk,
  parseJwks,
  type SigningKey,
  toPublicJwk,
} from "./keys.ts";
export {
  createOriginKeyResolver,
  DescriptorError,
  descriptorUrlFor,
  fetchCatalogueDescriptor,
  type OriginKeyResolverOptions,
  WELL_KNOWN_PATH,
} from "./peer-descriptor.ts";
export {
  type DecidePublisherInput,
  decidePublisherIncoming,
  type PublisherCopy,
  type PublisherDecision,
} from "./publisher-conflict.ts";
export { compareSources, isFirstHand, isNewerVersion } from "./record-order.ts";
export { relayRecord } from "./relay.ts";
export { SigningError, type SignRecordInput, signRecord } from "./sign.ts";
export { RECORD_JWS_TYPE, signedPayloadOf } from "./signed-payload.ts";
export {
  type VerificationFailure,
  type VerificationResult,
  type VerifyRecordDeps,
  verifyRecord,
} from "./verify.ts";

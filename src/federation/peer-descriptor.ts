// Finding a catalogue's published keys. Which URL speaks for a catalogue id must never be taken from a record
// (anyone can write "origin: catalogue-a" next to their own URL and keys), so it comes either from the peers
// an admin registered, or from the id itself: a catalogue id that is a host name is served at
// https://<id>/.well-known/publiccode-catalogue, which only whoever controls that name can answer.
import {
  type CatalogueDescriptor,
  catalogueDescriptorSchema,
  type Jwks,
} from "../../schemas/federation/descriptor.ts";
import type { Clock } from "../lib/clock.ts";
import { type SafeFetchOptions, type SafeFetchResponse, safeFetch } from "../net/safe-fetch.ts";

export const WELL_KNOWN_PATH = "/.well-known/publiccode-catalogue";

export class DescriptorError extends Error {
  override name = "DescriptorError";
}

export type FetchFunction = (url: string, options?: SafeFetchOptions) => Promise<SafeFetchResponse>;

/** Where the descriptor of `catalogueId` lives: a registered peer's base URL, else the id as a host name. */
export function descriptorUrlFor(
  catalogueId: string,
  knownPeers: ReadonlyMap<string, string>,
): string | null {
  const registered = knownPeers.get(catalogueId);
  if (registered !== undefined) return `${registered.replace(/\/+$/, "")}${WELL_KNOWN_PATH}`;
  // A single label ("localhost", "intranet") is not a public name anyone can be held to.
  if (!/^[a-z0-9-]+(\.[a-z0-9-]+)+$/.test(catalogueId) || /^[0-9.]+$/.test(catalogueId)) return null;
  return `https://${catalogueId}${WELL_KNOWN_PATH}`;
}

/** Fetches and checks a descriptor: it must parse, carry the expected id, and sit at its own base URL. */
export async function fetchCatalogueDescriptor(
  url: string,
  expectedId: string,
  options: { fetch?: FetchFunction; allowPrivateNetwork?: boolean } = {},
): Promise<CatalogueDescriptor> {
  const res = await (options.fetch ?? safeFetch)(url, {
    allowPrivateNetwork: options.allowPrivateNetwork ?? false,
    maxBytes: 256 * 1024,
    headers: { accept: "application/json" },
  });
  if (res.status !== 200) throw new DescriptorError(`GET ${url}: HTTP ${res.status}`);
  let json: unknown;
  try {
    json = JSON.parse(new TextDecoder().decode(res.body));
  } catch {
    throw new DescriptorError(`GET ${url}: not JSON`);
  }
  const parsed = catalogueDescriptorSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new DescriptorError(
      `GET ${url}: not a catalogue descriptor (${issue?.path.join(".")}: ${issue?.message})`,
    );
  }
  const descriptor = parsed.data;
  if (descriptor.id !== expectedId) {
    throw new DescriptorError(`GET ${url}: describes '${descriptor.id}', expected '${expectedId}'`);
  }
  if (new URL(descriptor.baseUrl).origin !== new URL(res.url).origin) {
    throw new DescriptorError(
      `GET ${url}: baseUrl ${descriptor.baseUrl} is not where the descriptor is served`,
    );
  }
  return descriptor;
}

export interface OriginKeyResolverOptions {
  /** Registered peers: catalogue id → base URL. */
  knownPeers: ReadonlyMap<string, string>;
  clock: Clock;
  /** How long a fetched key set is trusted before it is fetched again; default 10 minutes. */
  ttlMs?: number;
  fetch?: FetchFunction;
  allowPrivateNetwork?: boolean;
}

/**
 * `resolveOriginKeys` for verifyRecord, caching each origin's key set (and each failure, so a flood of records
 * naming an unreachable origin costs one request per TTL, not one per record). A page's records are verified
 * concurrently, so a lookup already under way is shared rather than repeated.
 */
export function createOriginKeyResolver(options: OriginKeyResolverOptions) {
  const ttlMs = options.ttlMs ?? 600_000;
  const cache = new Map<string, { jwks: Jwks | null; until: number; error?: string }>();
  const inFlight = new Map<string, Promise<Jwks | null>>();
  async function lookUp(catalogueId: string): Promise<Jwks | null> {
    const now = options.clock.now().getTime();
    const url = descriptorUrlFor(catalogueId, options.knownPeers);
    let entry: { jwks: Jwks | null; until: number; error?: string } = { jwks: null, until: now + ttlMs };
    if (url === null) entry.error = "no descriptor location for this id";
    else {
      try {
        const descriptor = await fetchCatalogueDescriptor(url, catalogueId, options);
        entry = { jwks: descriptor.jwks, until: now + ttlMs };
      } catch (error) {
        entry.error = error instanceof Error ? error.message : String(error);
      }
    }
    cache.set(catalogueId, entry);
    return entry.jwks;
  }
  function resolveOriginKeys(catalogueId: string): Promise<Jwks | null> {
    const cached = cache.get(catalogueId);
    if (cached && cached.until > options.clock.now().getTime()) return Promise.resolve(cached.jwks);
    let pending = inFlight.get(catalogueId);
    if (pending === undefined) {
      pending = lookUp(catalogueId).finally(() => inFlight.delete(catalogueId));
      inFlight.set(catalogueId, pending);
    }
    return pending;
  }
  /** Why an origin's keys are unavailable, for the sync log. */
  const lastError = (catalogueId: string) => cache.get(catalogueId)?.error ?? null;
  return { resolveOriginKeys, lastError };
}

// Who this catalogue is in the federation: its id, name, public URL and signing key, resolved once from the
// config at start. The key file is created on first start (mode 0600: it is the catalogue's identity).
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";
import type { PublicJwk } from "../../../schemas/federation/descriptor.ts";
import type { Config } from "../../config.ts";
import {
  generateCatalogueKeyPair,
  importSigningKey,
  type SigningKey,
  toPublicJwk,
} from "../../federation/keys.ts";

export interface FederationSettings {
  catalogueId: string;
  name: string;
  baseUrl: string;
  country: string | null;
  scope: string;
  tombstoneRetentionDays: number;
  signingKey: SigningKey;
  publicKeys: PublicJwk[];
  /** Peers on loopback / private addresses may be synced (tests, private deployments). */
  allowPrivateNetwork: boolean;
}

/** Reads the private JWK at `path`, generating and storing a new one (0600) when the file does not exist. */
export async function loadOrCreateSigningKey(
  path: string,
): Promise<{ signingKey: SigningKey; publicJwk: PublicJwk }> {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
    const { privateJwk } = await generateCatalogueKeyPair();
    mkdirSync(dirname(path), { recursive: true });
    try {
      // "wx": two processes starting at once must not overwrite each other's key.
      writeFileSync(path, `${JSON.stringify(privateJwk)}\n`, { mode: 0o600, flag: "wx" });
    } catch (writeError) {
      if ((writeError as NodeJS.ErrnoException).code !== "EEXIST") throw writeError;
    }
    text = readFileSync(path, "utf8");
  }
  const jwk = JSON.parse(text) as PublicJwk & { d: string };
  return { signingKey: await importSigningKey(jwk), publicJwk: toPublicJwk(jwk) };
}

/** Settings from the config; `boundUrl` is where the server actually listens (PORT=0 picks the port late). */
export async function resolveFederationSettings(
  config: Config,
  boundUrl: string,
): Promise<FederationSettings> {
  const baseUrl = (config.PUBLIC_BASE_URL ?? boundUrl).replace(/\/+$/, "");
  const { signingKey, publicJwk } = await loadOrCreateSigningKey(config.FEDERATION_KEY_FILE);
  return {
    catalogueId: config.CATALOGUE_ID ?? new URL(baseUrl).hostname.toLowerCase().replace(/^\[|\]$/g, ""),
    name: config.CATALOGUE_NAME,
    baseUrl,
    country: config.CATALOGUE_COUNTRY ?? null,
    scope: config.CATALOGUE_SCOPE,
    tombstoneRetentionDays: config.TOMBSTONE_RETENTION_DAYS,
    signingKey,
    publicKeys: [publicJwk],
    allowPrivateNetwork: config.FEDERATION_ALLOW_PRIVATE_NETWORK,
  };
}

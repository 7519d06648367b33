// The document this catalogue serves at /.well-known/publiccode-catalogue (docs/federation.md §2), built from
// its settings and public keys and checked against the same schema peers use to read it.
import {
  type CatalogueDescriptor,
  catalogueDescriptorSchema,
  type PublicJwk,
} from "../../schemas/federation/descriptor.ts";
import { buildCatalogueJwks } from "./keys.ts";

export interface BuildDescriptorInput {
  id: string;
  name: string;
  /** Public base URL, e.g. https://catalogue.example.eu (feed URLs hang off it). */
  baseUrl: string;
  country: string | null;
  scope: string;
  publicKeys: PublicJwk[];
  tombstoneRetentionDays: number;
}

export function buildCatalogueDescriptor(input: BuildDescriptorInput): CatalogueDescriptor {
  const base = input.baseUrl.replace(/\/+$/, "");
  return catalogueDescriptorSchema.parse({
    protocol: "publiccode-catalogue-federation/1",
    id: input.id,
    name: input.name,
    baseUrl: base,
    country: input.country,
    scope: input.scope,
    jwks: buildCatalogueJwks(input.publicKeys),
    feeds: { changes: `${base}/federation/v1/changes`, snapshot: `${base}/federation/v1/snapshot` },
    tombstoneRetentionDays: input.tombstoneRetentionDays,
  });
}

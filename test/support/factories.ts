// Unique test data: every call makes a new name and URL, so tests never share rows.
import { randomUUID } from "node:crypto";
import type { ServiceContext } from "../../src/services/context.ts";
import { type CreatePublisherInput, createPublisher } from "../../src/services/publishers/index.ts";
import { type CreateSoftwareInput, createSoftware } from "../../src/services/software/index.ts";

export const uniqueSlug = (prefix = "x") => `${prefix}-${randomUUID().slice(0, 8)}`;

export interface PubliccodeOptions {
  name?: string;
  url?: string;
  shortDescription?: string;
  longDescription?: string;
  features?: string[];
  categories?: string[];
  platforms?: string[];
  license?: string;
  developmentStatus?: string;
  softwareType?: string;
  languages?: string[];
  countries?: string[];
  /** Description language; default en. */
  lang?: string;
  /** Appended verbatim (e.g. a country section). */
  extra?: string;
}

const list = (items: string[]) => items.map((i) => `  - ${JSON.stringify(i)}`).join("\n");

/** A publiccode.yml (standard v0) that the validator accepts, with the given fields. */
export function makePubliccode(o: PubliccodeOptions = {}): string {
  const long =
    o.longDescription ??
    "A long description of this software, written to pass the minimum length the standard asks for. ".repeat(
      3,
    );
  return `publiccodeYmlVersion: "0"
name: ${JSON.stringify(o.name ?? uniqueSlug("software"))}
url: ${JSON.stringify(o.url ?? `https://github.com/${uniqueSlug("org")}/${uniqueSlug("repo")}`)}
platforms:
${list(o.platforms ?? ["web"])}
categories:
${list(o.categories ?? ["cloud-management"])}
developmentStatus: ${o.developmentStatus ?? "development"}
softwareType: ${JSON.stringify(o.softwareType ?? "standalone/other")}
${o.countries ? `intendedAudience:\n  countries:\n${list(o.countries)}\n` : ""}description:
  ${o.lang ?? "en"}:
    shortDescription: ${JSON.stringify(o.shortDescription ?? "A short description")}
    longDescription: ${JSON.stringify(long)}
    features:
${(o.features ?? ["One feature"]).map((f) => `      - ${JSON.stringify(f)}`).join("\n")}
legal:
  license: ${JSON.stringify(o.license ?? "AGPL-3.0-or-later")}
maintenance:
  type: "community"
  contacts:
    - name: Maria Rossi
localisation:
  localisationReady: true
  availableLanguages:
${list(o.languages ?? ["en"])}
${o.extra ?? ""}`;
}

/** A publiccode.yml the validator rejects (a required key missing and a wrong type). */
export function makeInvalidPubliccode(): string {
  return `publiccodeYmlVersion: "0"\nname: ${JSON.stringify(uniqueSlug("broken"))}\nplatforms: web\n`;
}

export function makePublisher(ctx: ServiceContext, input: Partial<CreatePublisherInput> = {}) {
  return createPublisher({
    ctx,
    input: {
      name: uniqueSlug("publisher"),
      codeHosting: [{ url: `https://github.com/${uniqueSlug("org")}`, group: true }],
      ...input,
    },
  });
}

export function makeSoftware(
  ctx: ServiceContext,
  input: Partial<CreateSoftwareInput> & { publiccode?: PubliccodeOptions } = {},
) {
  const { publiccode, ...rest } = input;
  const url = rest.url ?? `https://github.com/${uniqueSlug("org")}/${uniqueSlug("repo")}`;
  return createSoftware({
    ctx,
    input: { publiccodeYml: makePubliccode({ url, ...publiccode }), ...rest, url },
  });
}

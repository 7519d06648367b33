// Fills a catalogue database with synthetic software shaped like the real corpus, through the store's own
// verbs (createPublisher, recordSoftwareVersion): no hand-written SQL. Templates are the valid files of
// /work/shared/corpus/real (or test/fixtures/real), each validated once; every entry varies the template's
// name, descriptions, categories, platforms, status, licence, languages and publisher.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { Db } from "../../src/db/index.ts";
import { fixedClock } from "../../src/lib/clock.ts";
import { createServiceContext } from "../../src/services/context.ts";
import { createPublisher } from "../../src/services/publishers/index.ts";
import { recordSoftwareVersion } from "../../src/services/software/record-version.ts";
import { validateBytes } from "../../src/services/software/validate.ts";

type Doc = Record<string, unknown>;

const words = [
  "protocollo",
  "archivio",
  "anagrafe",
  "tributi",
  "bilancio",
  "scuola",
  "sanità",
  "mobilità",
  "rifiuti",
  "turismo",
  "permits",
  "payments",
  "identity",
  "registry",
  "budget",
  "procurement",
  "library",
  "museum",
  "transport",
  "water",
  "portal",
  "open data",
  "maps",
  "elections",
  "census",
  "welfare",
  "housing",
  "energy",
  "tax",
  "health",
];
const categories = [
  "accounting",
  "agile-project-management",
  "applicant-tracking",
  "backup",
  "billing-and-invoicing",
  "blog",
  "budgeting",
  "business-intelligence",
  "cloud-management",
  "collaboration",
  "communications",
  "compliance-management",
  "content-management",
  "crm",
  "data-analytics",
  "data-collection",
  "data-visualization",
  "document-management",
  "e-commerce",
  "e-signature",
  "email-management",
  "geographic-information-systems",
  "help-desk",
  "identity-management",
  "it-development",
  "knowledge-management",
  "learning-management-system",
  "office",
  "website-builder",
  "workflow-management",
];
const platforms = ["web", "linux", "windows", "mac", "android", "ios"];
const statuses = ["concept", "development", "beta", "stable", "obsolete"];
const licenses = [
  "EUPL-1.2",
  "AGPL-3.0-or-later",
  "GPL-3.0-only",
  "MIT",
  "Apache-2.0",
  "BSD-3-Clause",
  "MPL-2.0",
];
const languages = ["it", "en", "de", "fr", "es", "nl", "sv", "pt"];
const countries = ["IT", "DE", "FR", "ES", "NL", "SE", "PT", "AT"];

/** Deterministic pseudo-random numbers, so two runs fill the same catalogue. */
function seeded(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

function loadTemplates(): { raw: Buffer; doc: Doc; version: string | null }[] {
  const dirs = ["/work/shared/corpus/real", join(import.meta.dirname, "../../test/fixtures/real")];
  const dir = dirs.find((d) => {
    try {
      return readdirSync(d).length > 0;
    } catch {
      return false;
    }
  });
  if (!dir) throw new Error("no corpus templates found");
  return readdirSync(dir)
    .filter((f) => f.endsWith(".yml"))
    .map((f) => readFileSync(join(dir, f)))
    .flatMap((raw) => {
      const outcome = validateBytes(raw);
      return outcome.valid && outcome.document
        ? [{ raw, doc: outcome.document, version: outcome.version }]
        : [];
    });
}

function vary(template: Doc, i: number, rnd: () => number): Doc {
  const pick = <T>(list: T[]) => list[Math.floor(rnd() * list.length)]!;
  const some = <T>(list: T[], max: number) => [
    ...new Set(Array.from({ length: 1 + Math.floor(rnd() * max) }, () => pick(list))),
  ];
  const topic = `${pick(words)} ${pick(words)}`;
  // The template's own texts (real prose, several languages) with a varying topic woven in.
  const original = (template.description ?? {}) as Record<string, Doc>;
  const description = Object.fromEntries(
    Object.entries(original).map(([lang, d]) => [
      lang,
      {
        ...d,
        shortDescription: `${String(d.shortDescription ?? "")} ${topic}`.slice(0, 150),
        longDescription: `${String(d.longDescription ?? "")} ${pick(words)} ${pick(words)}`,
        features: [...((d.features as string[] | undefined) ?? []), `${pick(words)} ${pick(words)}`],
      },
    ]),
  );
  const langs = some(languages, 2);
  return {
    ...template,
    name: `${String(template.name ?? "Software")} ${topic} ${i}`,
    url: `https://github.com/bench-org-${i % 2000}/software-${i}`,
    description,
    categories: some(categories, 3),
    platforms: some(platforms, 3),
    developmentStatus: pick(statuses),
    legal: { ...(template.legal as Doc), license: pick(licenses) },
    localisation: { localisationReady: true, availableLanguages: langs },
    intendedAudience: { countries: [pick(countries)] },
  };
}

export async function fillCatalogue(db: Db, count: number, onProgress: (done: number) => void = () => {}) {
  const clock = fixedClock("2024-01-01T00:00:00Z");
  const ctx = createServiceContext({ db, clock, actor: "bench" });
  // Each template is validated once here: the validator's speed is another benchmark's business.
  const templates = loadTemplates();
  const rnd = seeded(42);
  const publisherIds: string[] = [];
  for (let p = 0; p < 500; p++) {
    const publisher = await createPublisher({
      ctx,
      input: {
        name: `Ente ${p}`,
        country: countries[p % countries.length],
        codeHosting: [{ url: `https://github.com/bench-pub-${p}` }],
      },
    });
    publisherIds.push(publisher.id);
  }
  for (let i = 0; i < count; i++) {
    const template = templates[i % templates.length]!;
    const document = vary(template.doc, i, rnd);
    clock.advance(1000);
    await recordSoftwareVersion({
      ctx,
      input: {
        url: document.url as string,
        raw: new Uint8Array(template.raw),
        blobSha: `bench-${i}`,
        validation: { valid: true, version: template.version, document, results: [] },
        publisherId: publisherIds[i % publisherIds.length]!,
        forgeStatus: "200",
      },
    });
    if (i % 5000 === 0) onProgress(i);
  }
  onProgress(count);
}

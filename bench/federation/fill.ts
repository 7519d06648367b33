// Fills a benchmark catalogue through the harvester's verb (recordSoftwareVersionInTx), validating one
// publiccode.yml template once and varying its name and URL per entry, 1,000 entries per transaction.
import { createHash } from "node:crypto";
import type { ServiceContext } from "../../src/services/context.ts";
import { recordSoftwareVersionInTx } from "../../src/services/software/record-version.ts";
import { validateBytes } from "../../src/services/software/validate.ts";

const template = (url: string, name: string) => `publiccodeYmlVersion: "0"
name: ${JSON.stringify(name)}
url: ${JSON.stringify(url)}
platforms:
  - web
categories:
  - cloud-management
developmentStatus: stable
softwareType: "standalone/web"
description:
  en:
    shortDescription: "A benchmark entry"
    longDescription: "${"A long description of this software, long enough for the standard's minimum length. ".repeat(3)}"
    features:
      - "One feature"
legal:
  license: "AGPL-3.0-or-later"
maintenance:
  type: "community"
  contacts:
    - name: Maria Rossi
localisation:
  localisationReady: true
  availableLanguages:
    - en
`;

const outcome = validateBytes(Buffer.from(template("https://github.com/bench/template", "template")));
if (!outcome.valid || !outcome.document) throw new Error("benchmark template does not validate");
const document = outcome.document;

export const urlOf = (i: number) => `https://github.com/bench-org-${i % 997}/repo-${i}`;

/** Writes version `revision` of entries [from, to): a new blob each time, so each is a change-log entry. */
export function writeEntries(ctx: ServiceContext, from: number, to: number, revision = 0): void {
  for (let start = from; start < to; start += 1000) {
    ctx.db.transaction((tx) => {
      for (let i = start; i < Math.min(to, start + 1000); i++) {
        const url = urlOf(i);
        const name = `bench software ${i} r${revision}`;
        const raw = template(url, name);
        recordSoftwareVersionInTx(tx, ctx, {
          url,
          raw,
          blobSha: createHash("sha1").update(raw).digest("hex"),
          validation: { ...outcome, document: { ...document, name, url } },
          source: { forge: "github.com", repo: url, branch: "main", commitAt: new Date() },
        });
      }
    });
  }
}

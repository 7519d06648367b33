// Imports github-governments.yml (section → organisation logins) as publishers, each with its github.com
// organisation as code-hosting source. Idempotent: an organisation whose source URL is already registered is
// skipped, so a second run writes nothing (and appends no change-log rows).
import { eq } from "drizzle-orm";
import { parse } from "yaml";
import { codeHosting, forge } from "../src/db/schema/index.ts";
import { canonicalUrl } from "../src/lib/url.ts";
import type { ServiceContext } from "../src/services/context.ts";
import { addForge } from "../src/services/forges/index.ts";
import { createPublisher } from "../src/services/publishers/index.ts";
import { governmentSectionCountry } from "./github-governments-countries.ts";

export interface SeedReport {
  created: number;
  skipped: number;
  forgeCreated: boolean;
  /** Sections with no entry in the country table (imported with a null country). */
  unknownSections: string[];
}

/** Parses the list: a mapping of section name → list of logins; anything else is an error. */
export function parseGovernmentList(text: string): Map<string, string[]> {
  const data: unknown = parse(text);
  if (typeof data !== "object" || data === null || Array.isArray(data)) {
    throw new Error("expected a mapping of section name to a list of organisation logins");
  }
  const sections = new Map<string, string[]>();
  for (const [section, logins] of Object.entries(data)) {
    if (!Array.isArray(logins) || logins.some((l) => typeof l !== "string")) {
      throw new Error(`section '${section}' is not a list of organisation logins`);
    }
    sections.set(section, logins as string[]);
  }
  return sections;
}

export async function seedGithubGovernments(ctx: ServiceContext, text: string): Promise<SeedReport> {
  const sections = parseGovernmentList(text);
  const report: SeedReport = { created: 0, skipped: 0, forgeCreated: false, unknownSections: [] };
  if (!ctx.db.select({ id: forge.id }).from(forge).where(eq(forge.host, "github.com")).get()) {
    await addForge({ ctx, input: { kind: "github", url: "https://github.com" } });
    report.forgeCreated = true;
  }
  for (const [section, logins] of sections) {
    const known = Object.hasOwn(governmentSectionCountry, section);
    if (!known) report.unknownSections.push(section);
    const country = known ? governmentSectionCountry[section]! : null;
    for (const login of logins) {
      const url = canonicalUrl(`https://github.com/${login}`);
      if (ctx.db.select({ id: codeHosting.id }).from(codeHosting).where(eq(codeHosting.url, url)).get()) {
        report.skipped++;
        continue;
      }
      await createPublisher({
        ctx,
        input: {
          name: login,
          country,
          description: `GitHub organisation ${login} (${section}), from github/government.github.com`,
          codeHosting: [{ url, group: true }],
        },
      });
      report.created++;
    }
  }
  return report;
}

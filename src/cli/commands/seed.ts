// `catalogue seed github-governments FILE`: imports the government organisation list (seeds/SOURCE.md).
import { readFile } from "node:fs/promises";
import { resolve } from "node:path";
import type { Command } from "commander";
import { seedGithubGovernments } from "../../../seeds/github-governments.ts";
import type { CliIo } from "../io.ts";
import type { RegisterCommand } from "./index.ts";
import { withStore } from "./migrate.ts";

export const registerSeed: RegisterCommand = (program: Command, io: CliIo) => {
  const seed = program.command("seed").description("Import seed data (idempotent)");
  seed
    .command("github-governments")
    .description(
      "Import the GitHub government organisations list as publishers (e.g. seeds/github-governments.yml)",
    )
    .argument("<file>")
    .action(async (file: string) => {
      const text = await readFile(resolve(io.cwd, file), "utf8");
      await withStore(io, async ({ ctx }) => {
        const report = await seedGithubGovernments({ ...ctx, actor: "seed:github-governments" }, text);
        for (const section of report.unknownSections) {
          io.stderr.write(
            `warning: section '${section}' has no country code in seeds/github-governments-countries.ts\n`,
          );
        }
        io.stdout.write(
          `${report.created} publishers created, ${report.skipped} already present${report.forgeCreated ? ", github.com forge added" : ""}\n`,
        );
      });
    });
};

// `catalogue forge add --kind github|gitlab --url WEB_URL [--api API_URL] [--graphql URL] [--token-env VAR]`
// and `catalogue forge list`. API defaults: src/services/forges/defaults.ts.
import type { Command } from "commander";
import { forgeKinds } from "../../db/schema/index.ts";
import { addForge, listForges } from "../../services/forges/index.ts";
import { type CliIo, UsageError } from "../io.ts";
import type { RegisterCommand } from "./index.ts";
import { withStore } from "./migrate.ts";

interface AddOptions {
  kind: string;
  url: string;
  api?: string;
  graphql?: string;
  tokenEnv?: string;
}

export const registerForge: RegisterCommand = (program: Command, io: CliIo) => {
  const forge = program.command("forge").description("Manage the forges (code hosts) the harvester talks to");
  forge
    .command("add")
    .description("Register a GitHub or GitLab instance")
    .requiredOption("--kind <kind>", forgeKinds.join(" | "))
    .requiredOption("--url <url>", "web URL, e.g. https://gitlab.example.org")
    .option("--api <url>", "REST API base URL (default per kind)")
    .option("--graphql <url>", "GraphQL endpoint (GitHub; default per host)")
    .option("--token-env <var>", "environment variable holding the API token")
    .action((options: AddOptions) => {
      if (!(forgeKinds as readonly string[]).includes(options.kind)) {
        throw new UsageError(`--kind must be one of ${forgeKinds.join(", ")}`);
      }
      return withStore(io, async ({ ctx }) => {
        const row = await addForge({
          ctx,
          input: {
            kind: options.kind as (typeof forgeKinds)[number],
            url: options.url,
            ...(options.api ? { apiUrl: options.api } : {}),
            ...(options.graphql ? { graphqlUrl: options.graphql } : {}),
            ...(options.tokenEnv ? { tokenEnv: options.tokenEnv } : {}),
          },
        });
        io.stdout.write(`${row.id}\t${row.kind}\t${row.webUrl}\t${row.apiUrl}\n`);
      });
    });
  forge
    .command("list")
    .description("List registered forges")
    .action(() =>
      withStore(io, async ({ ctx }) => {
        for (const f of await listForges({ ctx, input: undefined })) {
          io.stdout.write(
            `${f.id}\t${f.kind}\t${f.webUrl}\t${f.apiUrl}\t${f.graphqlUrl ?? "-"}\t${f.tokenEnv ?? "-"}\n`,
          );
        }
      }),
    );
};

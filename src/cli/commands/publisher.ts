// `catalogue publisher add --name N --url URL [--country CC] [--id-uri URI] [--repo]`: a publisher with one
// code-hosting source (an organisation/group unless --repo).
import type { Command } from "commander";
import { createPublisher } from "../../services/publishers/index.ts";
import type { CliIo } from "../io.ts";
import type { RegisterCommand } from "./index.ts";
import { withStore } from "./migrate.ts";

interface AddOptions {
  name: string;
  url: string;
  country?: string;
  idUri?: string;
  email?: string;
  repo?: boolean;
}

export const registerPublisher: RegisterCommand = (program: Command, io: CliIo) => {
  const publisher = program.command("publisher").description("Manage publishers");
  publisher
    .command("add")
    .description("Add a publisher with its code-hosting URL (organisation, group or repository)")
    .requiredOption("--name <name>", "publisher name")
    .requiredOption("--url <url>", "organisation / group URL (or a repository URL with --repo)")
    .option("--country <cc>", "ISO 3166-1 alpha-2 country code")
    .option("--id-uri <uri>", "external identifier URI (e.g. urn:x-italian-pa:<IPA code>)")
    .option("--email <email>", "contact email")
    .option("--repo", "the URL is a single repository, not a group")
    .action((options: AddOptions) =>
      withStore(io, async ({ ctx }) => {
        const created = await createPublisher({
          ctx,
          input: {
            name: options.name,
            country: options.country ?? null,
            alternativeId: options.idUri ?? null,
            email: options.email ?? null,
            codeHosting: [{ url: options.url, group: !options.repo }],
          },
        });
        io.stdout.write(
          `${created.id}\t${created.name}\t${created.codeHosting.map((c) => c.url).join(" ")}\n`,
        );
      }),
    );
};

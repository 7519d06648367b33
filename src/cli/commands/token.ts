// `catalogue token create --name NAME --scope S [--scope S…] [--expires ISO]` prints the secret once;
// `catalogue token revoke ID`; `catalogue token list`.
import type { Command } from "commander";
import { tokenScopes } from "../../db/schema/index.ts";
import { createToken, listTokens, revokeToken } from "../../services/tokens/index.ts";
import { type CliIo, UsageError } from "../io.ts";
import type { RegisterCommand } from "./index.ts";
import { withStore } from "./migrate.ts";

const collect = (value: string, previous: string[]) => [...previous, value];

export const registerToken: RegisterCommand = (program: Command, io: CliIo) => {
  const token = program.command("token").description("Manage API bearer tokens");
  token
    .command("create")
    .description("Create a token and print its secret (shown only this once)")
    .requiredOption("--name <name>", "what the token is for")
    .option("--scope <scope>", `a scope (repeatable): ${tokenScopes.join(", ")}`, collect, [])
    .option("--expires <date>", "expiry, ISO 8601")
    .action((options: { name: string; scope: string[]; expires?: string }) => {
      const invalid = options.scope.filter((s) => !(tokenScopes as readonly string[]).includes(s));
      if (options.scope.length === 0 || invalid.length > 0) {
        throw new UsageError(
          `--scope must be one or more of ${tokenScopes.join(", ")}${invalid.length ? ` (got ${invalid.join(", ")})` : ""}`,
        );
      }
      const expiresAt = options.expires ? new Date(options.expires) : null;
      if (expiresAt && Number.isNaN(expiresAt.getTime()))
        throw new UsageError("--expires must be an ISO 8601 date");
      return withStore(io, async ({ ctx }) => {
        const created = await createToken({
          ctx,
          input: { name: options.name, scopes: options.scope as never, expiresAt },
        });
        io.stderr.write(
          `token ${created.id} created with scopes ${created.scopes.join(", ")}; the secret is shown once:\n`,
        );
        io.stdout.write(`${created.secret}\n`);
      });
    });
  token
    .command("revoke")
    .description("Revoke a token by id")
    .argument("<id>")
    .action((id: string) =>
      withStore(io, async ({ ctx }) => {
        await revokeToken({ ctx, input: { id } });
        io.stdout.write(`token ${id} revoked\n`);
      }),
    );
  token
    .command("list")
    .description("List tokens (never their secrets)")
    .action(() =>
      withStore(io, async ({ ctx }) => {
        for (const t of await listTokens({ ctx, input: undefined })) {
          const status = t.revokedAt
            ? "revoked"
            : t.expiresAt && t.expiresAt <= new Date()
              ? "expired"
              : "active";
          io.stdout.write(`${t.id}\t${t.name}\t${t.scopes.join(",")}\t${status}\n`);
        }
      }),
    );
};

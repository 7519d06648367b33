// `catalogue federation compact [--retention-days N]`: compacts the change log now (docs/federation.md §3.3):
// superseded entries and tombstones older than the retention (TOMBSTONE_RETENTION_DAYS) are deleted, and the
// horizon rises to the highest seq deleted, so changes cursors behind it get 410. `serve` runs the same verb
// on a schedule.
import type { Command } from "commander";
import { loadConfig } from "../../config.ts";
import { compactChangeLog } from "../../services/federation/index.ts";
import { type CliIo, UsageError } from "../io.ts";
import type { RegisterCommand } from "./index.ts";
import { withStore } from "./migrate.ts";
import { cliFederationSettings } from "./peer.ts";

export const registerFederation: RegisterCommand = (program: Command, io: CliIo) => {
  const federation = program.command("federation").description("Maintain this catalogue's federation feed");
  federation
    .command("compact")
    .description("Delete superseded change-log entries and tombstones older than the retention")
    .option("--retention-days <n>", "keep entries younger than this (default TOMBSTONE_RETENTION_DAYS)")
    .action((options: { retentionDays?: string }) =>
      withStore(io, async ({ ctx }) => {
        const retentionDays =
          options.retentionDays === undefined
            ? loadConfig(io.env).TOMBSTONE_RETENTION_DAYS
            : Number(options.retentionDays);
        if (!Number.isInteger(retentionDays) || retentionDays < 1) {
          throw new UsageError("--retention-days must be an integer ≥ 1");
        }
        const settings = await cliFederationSettings(io);
        const result = compactChangeLog(ctx, { selfCatalogueId: settings.catalogueId, retentionDays });
        io.stdout.write(
          `compacted entries before ${result.cutoff.toISOString()}: ${result.removed} removed, horizon seq ${result.horizonSeq}\n`,
        );
      }),
    );
};

// `catalogue sync [--peer ID]`: one sync run against every due peer (or one peer, due or not), with a line of
// progress per page. Exit 1 when any peer failed (its cursor is kept; the next run resumes from it).
import type { Command } from "commander";
import { type SyncProgress, syncPeers } from "../../services/federation/index.ts";
import { type CliIo, ExitCode } from "../io.ts";
import type { RegisterCommand } from "./index.ts";
import { withStore } from "./migrate.ts";
import { cliFederationSettings } from "./peer.ts";

function progressLine(p: SyncProgress): string {
  return `${p.peerId}: ${p.phase} page ${p.pages}: ${p.applied} applied, ${p.skipped} skipped, ${p.rejected} rejected, ${p.bytes} bytes\n`;
}

export const registerSync: RegisterCommand = (program: Command, io: CliIo, setExitCode) => {
  program
    .command("sync")
    .description("Sync from peer catalogues: snapshot first, then their change feeds")
    .option("--peer <id>", "only this peer (even if it is backing off)")
    .option("--page-size <n>", "records per page (≤ 500)", "500")
    .action((options: { peer?: string; pageSize: string }) =>
      withStore(io, async ({ ctx }) => {
        const settings = await cliFederationSettings(io);
        const results = await syncPeers(
          ctx,
          {
            settings,
            pageSize: Math.min(500, Math.max(1, Number.parseInt(options.pageSize, 10) || 500)),
            onPage: (p) => io.stderr.write(progressLine(p)),
          },
          options.peer,
        );
        for (const r of results) {
          const status = r.ok ? "ok" : `failed: ${r.error}`;
          io.stdout.write(
            `${r.peerId}: ${status}; ${r.pages} pages, ${r.applied} applied, ${r.skipped} skipped, ${r.rejected} rejected\n`,
          );
        }
        if (results.length === 0) io.stdout.write("no peer is due\n");
        if (results.some((r) => !r.ok)) setExitCode(ExitCode.failure);
      }),
    );
};

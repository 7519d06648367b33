// What a subcommand may touch of the outside world, injected so tests run commands in-process.
import type { Readable, Writable } from "node:stream";

export interface CliIo {
  stdout: Writable & { isTTY?: boolean };
  stderr: Writable & { isTTY?: boolean };
  stdin: Readable;
  env: Record<string, string | undefined>;
  cwd: string;
}

export const processIo = (): CliIo => ({
  stdout: process.stdout,
  stderr: process.stderr,
  stdin: process.stdin,
  env: process.env,
  cwd: process.cwd(),
});

/** Exit codes shared by every subcommand. */
export const ExitCode = { ok: 0, failure: 1, usage: 2 } as const;

/** Thrown by a command for a usage error (exit 2) with a message for the user. */
export class UsageError extends Error {
  override name = "UsageError";
}

/** Resolves when a stop signal arrives; injectable so tests stop a long-running command without a real signal. */
export type WaitForStop = () => Promise<string>;

export const waitForSignal: WaitForStop = () =>
  new Promise((resolve) => {
    const stop = (signal: NodeJS.Signals) => {
      process.off("SIGINT", stop);
      process.off("SIGTERM", stop);
      resolve(signal);
    };
    process.once("SIGINT", stop);
    process.once("SIGTERM", stop);
  });

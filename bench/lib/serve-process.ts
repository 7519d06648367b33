// Runs `catalogue serve` as a child process on 127.0.0.1 (port 0), as an operator would, so a benchmark's
// client and server each have their own process and event loop, as they do in production.
import { type ChildProcess, spawn } from "node:child_process";
import { join } from "node:path";

const root = join(import.meta.dirname, "../..");

export interface ServeProcess {
  child: ChildProcess;
  /** Base URL it listens on, with a trailing slash. */
  url: string;
  stop(): Promise<void>;
}

/**
 * Starts the server with `env` on top of this process's environment; resolves once it listens. `nodeArgs` go
 * to node itself (e.g. `--cpu-prof` to profile the server, which NODE_OPTIONS refuses).
 */
export function startServeProcess(
  env: Record<string, string>,
  nodeArgs: string[] = [],
): Promise<ServeProcess> {
  // The flag the bin's shebang gives node (see bin/catalogue.mjs), since the file is run through node here.
  const args = [
    "--max-semi-space-size=32",
    ...nodeArgs,
    join(root, "bin/catalogue.mjs"),
    "serve",
    "--port",
    "0",
  ];
  const child = spawn(process.execPath, args, {
    env: { ...process.env, LOG_LEVEL: "warn", ...env },
    stdio: ["ignore", "pipe", "inherit"],
  });
  const stop = async () => {
    if (child.exitCode !== null) return;
    child.kill("SIGTERM");
    await new Promise((resolve) => child.once("exit", resolve));
  };
  return new Promise((resolve, reject) => {
    let out = "";
    child.stdout!.on("data", (chunk: Buffer) => {
      out += chunk;
      const match = /listening on (\S+)/.exec(out);
      if (match) resolve({ child, url: match[1]!, stop });
    });
    child.once("exit", (code) => reject(new Error(`server exited with ${code}`)));
  });
}

// `catalogue worker` as a real child process (node bin/catalogue.mjs worker), ready once it prints its
// "worker ready" line; its stderr is kept for failure messages.
import { type ChildProcess, spawn } from "node:child_process";
import { fileURLToPath } from "node:url";

const bin = fileURLToPath(new URL("../../../../bin/catalogue.mjs", import.meta.url));

export interface WorkerProcess {
  child: ChildProcess;
  stderr(): string;
  /** SIGKILL: no shutdown hook runs, the active job's lock is left to expire. */
  kill(): Promise<void>;
  /** SIGTERM: the worker closes its queue (active jobs go back to Redis) and exits. */
  stop(): Promise<void>;
}

export async function startWorkerProcess(
  env: Record<string, string>,
  args: string[] = ["--concurrency", "1"],
): Promise<WorkerProcess> {
  const child = spawn(process.execPath, [bin, "worker", ...args], {
    env: { PATH: process.env.PATH ?? "", LOG_LEVEL: "warn", SCHEDULER_ENABLED: "false", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let err = "";
  child.stderr!.on("data", (chunk: Buffer) => {
    err += chunk.toString();
  });
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  await new Promise<void>((resolve, reject) => {
    let out = "";
    child.stdout!.on("data", (chunk: Buffer) => {
      out += chunk.toString();
      if (out.includes("worker ready")) resolve();
    });
    child.once("exit", (code) =>
      reject(new Error(`worker exited with ${code} before it was ready:\n${err}`)),
    );
  });
  const end = async (signal: NodeJS.Signals) => {
    if (child.exitCode === null && child.signalCode === null) child.kill(signal);
    await exited;
  };
  return { child, stderr: () => err, kill: () => end("SIGKILL"), stop: () => end("SIGTERM") };
}

// Catalogue instances as separate processes (`node bin/catalogue.mjs …`), each with its own SQLite database,
// signing key and catalogue id, for the three-catalogue federation test.
import { type ChildProcess, spawn } from "node:child_process";
import { join } from "node:path";
import Database from "better-sqlite3";

const root = join(import.meta.dirname, "../../..");
const bin = join(root, "bin/catalogue.mjs");

export interface Instance {
  id: string;
  env: Record<string, string>;
  url: string;
  server: ChildProcess;
  /** Runs a CLI command against this instance's database; resolves with its output. */
  cli(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }>;
  /** Starts a CLI command without waiting (for the kill test). */
  spawnCli(args: string[]): ChildProcess;
  query<T>(sql: string): T[];
  stop(): void;
}

export async function startInstance(dir: string, id: string): Promise<Instance> {
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? "",
    DATABASE_URL: join(dir, `${id}.sqlite`),
    FEDERATION_KEY_FILE: join(dir, `${id}.jwk`),
    CATALOGUE_ID: id,
    CATALOGUE_NAME: `Catalogue ${id}`,
    FEDERATION_ALLOW_PRIVATE_NETWORK: "true",
    RATE_LIMIT_BURST: "0",
    SCHEDULER_ENABLED: "false",
    LOG_LEVEL: "warn",
  };
  const server = spawn(process.execPath, [bin, "serve", "--port", "0"], {
    env,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stderr = "";
  server.stderr!.on("data", (c: Buffer) => {
    stderr += c;
  });
  const url = await new Promise<string>((resolve, reject) => {
    let out = "";
    server.stdout!.on("data", (c: Buffer) => {
      out += c;
      const match = /listening on (\S+?)\/?\n/.exec(out);
      if (match) resolve(match[1]!);
    });
    server.once("exit", (code) => reject(new Error(`${id} exited early (${code}): ${stderr}`)));
  });
  const spawnCli = (args: string[]) =>
    spawn(process.execPath, [bin, ...args], { env, stdio: ["ignore", "pipe", "pipe"] });
  return {
    id,
    env,
    url,
    server,
    spawnCli,
    cli: (args) =>
      new Promise((resolve) => {
        const child = spawnCli(args);
        let stdout = "";
        let stderrOut = "";
        child.stdout!.on("data", (c: Buffer) => {
          stdout += c;
        });
        child.stderr!.on("data", (c: Buffer) => {
          stderrOut += c;
        });
        child.on("exit", (code) => resolve({ code, stdout, stderr: stderrOut }));
      }),
    query<T>(sql: string) {
      const db = new Database(env.DATABASE_URL!, { readonly: true });
      try {
        return db.prepare(sql).all() as T[];
      } finally {
        db.close();
      }
    },
    stop() {
      if (server.exitCode === null) server.kill("SIGKILL");
    },
  };
}

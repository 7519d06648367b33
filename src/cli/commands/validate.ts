// `catalogue validate [--json] [--network] [--strictness reference|standard] FILE...`: validates publiccode.yml
// files like a compiler (`file:line:column: severity: key: message`), or one JSON object per file per line.
// Exit 0 when every file is valid, 1 when any is invalid, 2 on usage errors. `-` reads standard input.
import { readFile } from "node:fs/promises";
import { dirname, resolve } from "node:path";
import type { Readable } from "node:stream";
import type { Command } from "commander";
import { type ValidationOutcome, validatePubliccode } from "../../publiccode/index.ts";
import { type CliIo, ExitCode, UsageError } from "../io.ts";
import type { RegisterCommand } from "./index.ts";

export interface ValidateCommandOptions {
  json?: boolean;
  network?: boolean;
  strictness?: string;
}

async function readAll(stream: Readable): Promise<Uint8Array> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(typeof chunk === "string" ? Buffer.from(chunk) : chunk);
  return Buffer.concat(chunks);
}

function formatHuman(file: string, outcome: ValidationOutcome): string {
  return outcome.results
    .map((r) => `${file}:${r.line}:${r.column}: ${r.severity}: ${r.key ? `${r.key}: ` : ""}${r.message}\n`)
    .join("");
}

function formatJson(file: string, outcome: ValidationOutcome): string {
  const results = outcome.results.map(({ severity, key, message, line, column }) => ({
    severity,
    key,
    message,
    line,
    column,
  }));
  return `${JSON.stringify({ file, valid: outcome.valid, version: outcome.version, results })}\n`;
}

export async function runValidate(
  io: CliIo,
  files: string[],
  options: ValidateCommandOptions,
): Promise<number> {
  if (files.length === 0) throw new UsageError("validate needs at least one FILE (or - for standard input)");
  const strictness = options.strictness ?? "reference";
  if (strictness !== "reference" && strictness !== "standard") {
    throw new UsageError(`--strictness must be "reference" or "standard", not "${strictness}"`);
  }
  if (files.filter((f) => f === "-").length > 1)
    throw new UsageError("standard input (-) can be read only once");
  let exitCode: number = ExitCode.ok;
  for (const file of files) {
    const path = file === "-" ? null : resolve(io.cwd, file);
    let bytes: Uint8Array;
    try {
      bytes = path === null ? await readAll(io.stdin) : await readFile(path);
    } catch (error) {
      const reason = error instanceof Error && "code" in error ? String(error.code) : String(error);
      throw new UsageError(`cannot read ${file}: ${reason}`);
    }
    const outcome = await validatePubliccode(bytes, {
      network: options.network === true,
      strictness,
      ...(path === null ? {} : { localDir: dirname(path) }),
    });
    const shown = file === "-" ? "<stdin>" : file;
    io.stdout.write(options.json ? formatJson(shown, outcome) : formatHuman(shown, outcome));
    if (!outcome.valid) exitCode = ExitCode.failure;
  }
  return exitCode;
}

export const registerValidate: RegisterCommand = (program: Command, io: CliIo, setExitCode) => {
  program
    .command("validate")
    .description("validate publiccode.yml files (parser-go compatible results)")
    .argument("<files...>", "files to validate; - reads standard input")
    .option("--json", "print one JSON object per file per line")
    .option("--network", "also check that URLs answer and remote images exist")
    .option(
      "--strictness <mode>",
      "reference (parser-go behaviour, default) or standard (the standard's text)",
    )
    .action(async (files: string[], options: ValidateCommandOptions) => {
      setExitCode(await runValidate(io, files, options));
    });
};

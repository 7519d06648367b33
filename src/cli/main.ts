// The `catalogue` command: one Commander program, one file per subcommand under ./commands.
import { Command, CommanderError } from "commander";
import { ConfigError } from "../config.ts";
import { commands } from "./commands/index.ts";
import { type CliIo, ExitCode, processIo, UsageError } from "./io.ts";

export function buildProgram(io: CliIo, setExitCode: (code: number) => void): Command {
  const program = new Command("catalogue")
    .description("A federated catalogue of public-sector software (publiccode.yml)")
    .showHelpAfterError()
    .exitOverride()
    .configureOutput({
      writeOut: (s) => io.stdout.write(s),
      writeErr: (s) => io.stderr.write(s),
    });
  for (const register of commands) register(program, io, setExitCode);
  return program;
}

/** Runs the CLI and returns its exit code (0 ok, 1 failure, 2 usage error); never calls process.exit. */
export async function main(argv: string[], io: CliIo = processIo()): Promise<number> {
  let exitCode: number = ExitCode.ok;
  const program = buildProgram(io, (code) => {
    exitCode = Math.max(exitCode, code);
  });
  try {
    await program.parseAsync(argv);
    return exitCode;
  } catch (error) {
    if (error instanceof CommanderError) {
      // --help and --version end here too, with exit code 0.
      return error.exitCode === 0 ? ExitCode.ok : ExitCode.usage;
    }
    if (error instanceof UsageError || error instanceof ConfigError) {
      io.stderr.write(`catalogue: ${error.message}\n`);
      return ExitCode.usage;
    }
    io.stderr.write(
      `catalogue: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
    return ExitCode.failure;
  }
}

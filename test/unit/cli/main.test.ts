import { describe, expect, it } from "vitest";
import { runCli } from "../../support/cli.ts";

describe("catalogue CLI", () => {
  it("prints help and exits 0 on --help", async () => {
    const run = await runCli(["--help"]);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain("Usage: catalogue");
  });

  it("exits 2 with a message on an unknown subcommand", async () => {
    const run = await runCli(["no-such-command"]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/unknown command|too many arguments/);
  });
});

#!/usr/bin/env node
// The `catalogue` command. The project runs its TypeScript sources directly through tsx, so there is no
// build step a newcomer can forget and no stale dist/ folder to debug.
import { register } from "tsx/esm/api";

register();
const { main } = await import("../src/cli/main.ts");
process.exitCode = await main(process.argv);

#!/usr/bin/env -S node --max-semi-space-size=32
// The `catalogue` command. The project runs its TypeScript sources directly through tsx, so there is no
// build step a newcomer can forget and no stale dist/ folder to debug.
// --max-semi-space-size=32 (MB; node 20's default is 16): a sync keeps a page of 500 parsed records alive while
// it writes them, and with the default young generation those records were promoted and then swept by full
// GCs; a 100,000-record bootstrap spent about 15% less time with it. The flag must
// be given when node starts (NODE_OPTIONS also accepts it), hence the shebang; `node bin/catalogue.mjs` without
// it still works, with the default.
import { register } from "tsx/esm/api";

register();
const { main } = await import("../src/cli/main.ts");
process.exitCode = await main(process.argv);

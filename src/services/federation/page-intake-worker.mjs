// The worker side of page-intake.ts: TypeScript loaded through tsx (as bin/catalogue.mjs does for the main
// thread), then the intake itself runs in page-intake-thread.ts.
import { register } from "tsx/esm/api";

register();
await import("./page-intake-thread.ts");

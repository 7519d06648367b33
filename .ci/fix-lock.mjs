// Usage: node .ci/fix-lock.mjs (after any `npm install` that rewrote package-lock.json). See README, Development.
// Adds lock entries for platform-specific optional packages that this machine's registry does not serve, so
// `npm ci` accepts the lock; on a non-matching platform npm skips them by their os/cpu/libc fields.
import { readFileSync, writeFileSync } from "node:fs";

const lock = JSON.parse(readFileSync("package-lock.json", "utf8"));
const pkgs = lock.packages;
const platformOf = (name) => {
  const m = /-(android|darwin|linux|win32)-(arm64|x64|arm|ia32)(-(musl|gnu))?$/.exec(name);
  return m ? { os: [m[1]], cpu: [m[2]], ...(m[4] ? { libc: [m[4] === "gnu" ? "glibc" : m[4]] } : {}) } : null;
};
let added = 0;
for (const [path, entry] of Object.entries(pkgs)) {
  for (const [name, range] of Object.entries(entry.optionalDependencies ?? {})) {
    if (pkgs[`node_modules/${name}`] || pkgs[`${path}/node_modules/${name}`]) continue;
    const platform = platformOf(name);
    if (!platform || !/^\d+\.\d+\.\d+$/.test(range)) {
      console.log("skip", name, range);
      continue;
    }
    const e = {
      version: range,
      cpu: platform.cpu,
      ...(entry.dev ? { dev: true } : {}),
      ...(platform.libc ? { libc: platform.libc } : {}),
      optional: true,
      os: platform.os,
    };
    pkgs[`node_modules/${name}`] = e;
    added++;
    console.log("added", name, range, JSON.stringify(platform));
  }
}
lock.packages = Object.fromEntries(
  Object.entries(pkgs).sort(([a], [b]) => (a === "" ? -1 : b === "" ? 1 : a < b ? -1 : 1)),
);
writeFileSync("package-lock.json", `${JSON.stringify(lock, null, 2)}\n`);
console.log(added, "entries added");

// The version gate: `publiccodeYmlVersion` must be a YAML string naming a supported version. Every 0.x is parsed
// with the latest 0.x rules; anything but "0" and 0.7 gets a warning suggesting "0".
import { findKeyPosition } from "./positions.ts";
import type { ValidationResult } from "./result.ts";
import type { YNode } from "./yaml-tree.ts";

export const SUPPORTED_VERSIONS = Object.freeze([
  "0",
  "0.2",
  "0.2.0",
  "0.2.1",
  "0.2.2",
  "0.3",
  "0.3.0",
  "0.4",
  "0.4.0",
  "0.5.0",
  "0.5",
  "0.7.0",
  "0.7",
]);
const LATEST = SUPPORTED_VERSIONS[SUPPORTED_VERSIONS.length - 1];
const KEY = "publiccodeYmlVersion";

export interface VersionGate {
  ok: boolean;
  version: string | null;
  results: ValidationResult[];
}

const fail = (version: string | null, message: string, line = 0, column = 0): VersionGate => ({
  ok: false,
  version,
  results: [{ severity: "error", key: KEY, message, line, column }],
});

export function checkVersion(root: YNode | null): VersionGate {
  const pair = root?.kind === "map" ? root.pairs.find((p) => p.key === KEY) : undefined;
  if (!pair) return fail(null, `${KEY} is a required field`);
  const node = pair.value;
  if (node.kind !== "scalar" || node.type !== "str") {
    const pos = findKeyPosition(root, KEY);
    const shown = node.kind === "scalar" && node.value !== null ? String(node.value) : null;
    return fail(shown, "wrong type for this field", pos.line, pos.column);
  }
  const version = String(node.value);
  if (!SUPPORTED_VERSIONS.includes(version)) {
    return fail(
      version,
      `unsupported version: '${version}'. Supported versions: ${SUPPORTED_VERSIONS.join(", ")}`,
    );
  }
  if (version === "0" || version.startsWith("0.7")) return { ok: true, version, results: [] };
  const pos = findKeyPosition(root, KEY);
  return {
    ok: true,
    version,
    results: [
      {
        severity: "warning",
        key: KEY,
        message: `v${version} is not the latest version, use '0'. Parsing this file as v${LATEST}.`,
        line: pos.line,
        column: pos.column,
      },
    ],
  };
}

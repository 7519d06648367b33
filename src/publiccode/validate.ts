// The validation pipeline, in the reference's order: parse → version gate → decode (first shape error) → tag rules
// → extra field checks. Results carry the position the reference would report.
import { decodeDocument } from "./decode.ts";
import { checkFields, type Slot } from "./field-checks.ts";
import type { FileBase } from "./file-refs.ts";
import { createNetworkChecker, type NetworkChecker } from "./network-checks.ts";
import { normalizeDocument } from "./normalize.ts";
import { failedOutcome, type ValidateOptions, type ValidationOutcome } from "./outcome.ts";
import { findKeyAtLine, findKeyPosition } from "./positions.ts";
import type { ValidationResult } from "./result.ts";
import { PUBLICCODE_V0 } from "./schema-v0.ts";
import { applyStandardReading, STANDARD_DECODE_OPTIONS } from "./strictness.ts";
import type { PublicCode } from "./types.ts";
import { validateTags } from "./validate-tags.ts";
import { checkVersion } from "./version.ts";
import { parseYamlTree, type YNode } from "./yaml-tree.ts";

interface Prepared {
  version: string | null;
  document: PublicCode | null;
  normalized: unknown | null;
  head: ValidationResult[];
  slots: Slot[];
  root: YNode | null;
  strictness: "reference" | "standard";
}

const fieldsOf = PUBLICCODE_V0.kind === "struct" ? PUBLICCODE_V0.fields : [];

function fileBase(options: ValidateOptions): FileBase {
  if (options.baseUrl) return { kind: "remote", url: options.baseUrl };
  if (options.localDir) return { kind: "local", dir: options.localDir };
  return { kind: "none" };
}

function prepare(bytes: Uint8Array, options: ValidateOptions, network: NetworkChecker | null): Prepared {
  const strictness = options.strictness ?? "reference";
  const empty = { document: null, normalized: null, slots: [], strictness };
  const parsed = parseYamlTree(bytes);
  if (!parsed.ok) return { ...empty, version: null, head: [parsed.error], root: null };
  const root = parsed.root;
  const gate = checkVersion(root);
  if (!gate.ok || root?.kind !== "map") return { ...empty, version: gate.version, head: gate.results, root };

  const head = [...gate.results];
  const decoded = decodeDocument(
    root,
    PUBLICCODE_V0,
    strictness === "standard" ? STANDARD_DECODE_OPTIONS : {},
  );
  if (decoded.error) {
    const { kind, line, message } = decoded.error;
    const key = findKeyAtLine(root, line);
    head.push({
      severity: "error",
      key,
      message: kind === "type" ? "wrong type for this field" : message,
      line,
      column: 1,
    });
  }
  const doc = (decoded.value ?? {}) as Record<string, unknown>;
  head.push(...validateTags(doc, fieldsOf).map((r) => placeAt(root, r)));
  const slots = checkFields(doc, {
    base: fileBase(options),
    network,
    extraImageExtensions: strictness === "standard" ? [".jpeg"] : [],
  });
  const document = doc as unknown as PublicCode;
  return {
    version: gate.version,
    document,
    normalized: normalizeDocument(document),
    head,
    slots,
    root,
    strictness,
  };
}

function finish(prepared: Prepared, tail: ValidationResult[]): ValidationOutcome {
  let results = [...prepared.head, ...tail.map((r) => placeAt(prepared.root, r))];
  if (prepared.strictness === "standard") results = applyStandardReading(results, prepared.document);
  return {
    valid: !results.some((r) => r.severity === "error"),
    version: prepared.version,
    document: prepared.document,
    normalized: prepared.normalized,
    results,
  };
}

/** Gives a result the position of its key in the file, as the reference does for rule and field-check results. */
function placeAt(root: YNode | null, result: ValidationResult): ValidationResult {
  const pos = findKeyPosition(root, result.key);
  return { ...result, line: pos.line, column: pos.column };
}

/** Validates without any network access; what the harvester calls in its hot path. Never throws. */
export function validatePubliccodeSync(
  bytes: Uint8Array,
  options: Omit<ValidateOptions, "network"> = {},
): ValidationOutcome {
  try {
    const prepared = prepare(bytes, options, null);
    const local = prepared.slots.filter((slot): slot is ValidationResult => !(slot instanceof Promise));
    return finish(prepared, local);
  } catch (error) {
    return failedOutcome(error);
  }
}

/** Validates; with `network: true` also checks that URLs answer and remote images exist. Never throws on input. */
export async function validatePubliccode(
  bytes: Uint8Array,
  options: ValidateOptions = {},
): Promise<ValidationOutcome> {
  if (!options.network) return validatePubliccodeSync(bytes, options);
  const network = createNetworkChecker({
    timeoutMs: options.networkTimeoutMs,
    maxBytes: options.maxNetworkBytes,
    allowPrivateNetwork: options.allowPrivateNetwork,
  });
  return validateWithNetwork(bytes, options, network);
}

/** Network-mode validation with a given checker (tests script the transport through createNetworkChecker). */
export async function validateWithNetwork(
  bytes: Uint8Array,
  options: Omit<ValidateOptions, "network">,
  network: NetworkChecker,
): Promise<ValidationOutcome> {
  try {
    const prepared = prepare(bytes, options, network);
    const settled = await Promise.all(
      prepared.slots.map((slot) => (slot instanceof Promise ? slot : [slot])),
    );
    return finish(prepared, settled.flat());
  } catch (error) {
    return failedOutcome(error);
  }
}

// Validates response bodies against the open-catalog-api spec (test/fixtures/specs): given method, path and
// status, finds the documented response, resolves its $refs and checks the body with ajv.
//
// One deliberate relaxation: problem bodies (application/problem+json) may carry members beyond the spec's
// `Error` schema (type, instance, requestId, errors). RFC 9457 §3.2 allows extension members and our API
// promises them; everything the spec does define (title, detail, status range) is still checked.
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { Ajv, type ErrorObject } from "ajv";
import addFormatsModule from "ajv-formats";
import { parse } from "yaml";

type Json = Record<string, unknown>;
const specPath = fileURLToPath(new URL("../fixtures/specs/open-catalog-api.oas.yaml", import.meta.url));

/** The spec's paths are relative to its server URL, which ends in /v1. */
const apiPrefix = "/v1";

export interface SpecValidation {
  /** false when the spec documents no body for this response (e.g. 204). */
  documented: boolean;
  valid: boolean;
  errors: ErrorObject[];
}

function resolvePointer(spec: Json, ref: string): Json {
  return ref
    .slice(2)
    .split("/")
    .reduce<Json>((node, key) => node[key.replace(/~1/g, "/").replace(/~0/g, "~")] as Json, spec);
}

function matchTemplate(template: string, path: string): boolean {
  const source = template.replace(/[.*+?^$()|[\]\\]/g, "\\$&").replace(/\\?\{[^}]+\\?\}|\{[^}]+\}/g, "[^/]+");
  return new RegExp(`^${source}$`).test(path);
}

export function loadOpenCatalogSpec() {
  const spec = parse(readFileSync(specPath, "utf8")) as Json;
  // ajv-formats is CommonJS: under ESM its plugin is the `default` property of the imported module.
  const addFormats = addFormatsModule.default;
  const ajv = new Ajv({ strict: false, allErrors: true });
  addFormats(ajv);
  ajv.addFormat("base64", /^[A-Za-z0-9+/]*={0,2}$/);
  // The whole spec is one schema so internal $refs ("#/components/...") resolve.
  ajv.addSchema({ ...spec, $id: "spec" }, "spec");
  const paths = spec.paths as Record<string, Record<string, Json>>;

  const findTemplate = (path: string): string | undefined => {
    const local = path.startsWith(apiPrefix) ? path.slice(apiPrefix.length) : path;
    // Literal templates first, so /software/webhooks is not taken for /software/{softwareId}.
    const templates = Object.keys(paths).sort((a, b) => a.split("{").length - b.split("{").length);
    return templates.find((t) => matchTemplate(t, local));
  };

  return {
    findTemplate,
    /** Validates a response body; throws if the spec does not document this method, path or status. */
    validateResponse(method: string, path: string, status: number, body: unknown): SpecValidation {
      const template = findTemplate(new URL(path, "http://x").pathname);
      if (!template) throw new Error(`spec has no path matching ${path}`);
      const operation = paths[template]![method.toLowerCase()];
      if (!operation) throw new Error(`spec has no ${method} ${template}`);
      const responses = operation.responses as Record<string, Json>;
      let response = responses[String(status)] ?? responses.default;
      if (!response) throw new Error(`spec documents no ${status} for ${method} ${template}`);
      if (typeof response.$ref === "string") response = resolvePointer(spec, response.$ref);
      const content = response.content as Record<string, { schema: Json }> | undefined;
      if (!content)
        return { documented: false, valid: body === undefined || body === null || body === "", errors: [] };
      const [mediaType, media] = Object.entries(content)[0]!;
      let schema: Json = media.schema.$ref ? { $ref: `spec${media.schema.$ref}` } : media.schema;
      if (mediaType === "application/problem+json") schema = relaxProblemSchema(spec, schema);
      const validate = ajv.compile(rewriteRefs(schema));
      const valid = validate(body) as boolean;
      return { documented: true, valid, errors: validate.errors ?? [] };
    },
  };
}

/** Inline schemas refer to "#/components/…", which must point into the registered spec document. */
function rewriteRefs(node: unknown): Json {
  if (Array.isArray(node)) return node.map(rewriteRefs) as unknown as Json;
  if (node && typeof node === "object") {
    return Object.fromEntries(
      Object.entries(node as Json).map(([k, v]) =>
        k === "$ref" && typeof v === "string" && v.startsWith("#") ? [k, `spec${v}`] : [k, rewriteRefs(v)],
      ),
    );
  }
  return node as Json;
}

function relaxProblemSchema(spec: Json, schema: Json): Json {
  const ref = schema.$ref as string | undefined;
  const target = ref ? resolvePointer(spec, ref.slice("spec".length)) : schema;
  const { additionalProperties: _ignored, ...rest } = target;
  return rest;
}

export type OpenCatalogSpec = ReturnType<typeof loadOpenCatalogSpec>;

// Calls the in-process app and checks every answer twice: against the open-catalog-api schema for that method,
// path and status, and against our own generated /openapi.json (the status must be documented there), so the
// compatibility tests also catch a route that answers something its own documentation does not promise.
import { expect } from "vitest";
import type { TestApp } from "../../support/http.ts";
import { loadOpenCatalogSpec } from "../../support/openapi-spec.ts";

const spec = loadOpenCatalogSpec();
type OwnDoc = { paths: Record<string, Record<string, { responses: Record<string, unknown> }>> };
const ownDocs = new WeakMap<TestApp, Promise<OwnDoc>>();

async function documentedStatuses(t: TestApp, method: string, path: string): Promise<string[]> {
  if (!ownDocs.has(t))
    ownDocs.set(
      t,
      t.request("/openapi.json").then((r) => r.json() as Promise<OwnDoc>),
    );
  const doc = await ownDocs.get(t)!;
  const pathname = new URL(path, "http://x").pathname;
  const template = Object.keys(doc.paths)
    .sort((a, b) => a.split("{").length - b.split("{").length)
    .find((tpl) => new RegExp(`^${tpl.replace(/\{[^}]+\}/g, "[^/]+")}$`).test(pathname));
  const operation = template ? doc.paths[template]![method.toLowerCase()] : undefined;
  return operation ? Object.keys(operation.responses) : [];
}

export async function specCall(
  t: TestApp,
  method: string,
  path: string,
  init: Parameters<TestApp["request"]>[1] = {},
) {
  const res = await t.request(path, { ...init, method });
  const text = await res.text();
  // biome-ignore lint/suspicious/noExplicitAny: response bodies are checked against the spec, then read freely.
  const body: any = text ? JSON.parse(text) : undefined;
  const check = spec.validateResponse(method, path, res.status, body);
  expect(check.errors, `${method} ${path} → ${res.status} ${text.slice(0, 300)}`).toEqual([]);
  expect(check.valid).toBe(true);
  expect(await documentedStatuses(t, method, path), `our doc for ${method} ${path}`).toContain(
    String(res.status),
  );
  return { status: res.status, body, headers: res.headers };
}

// Calls the in-process app and checks every answer against the open-catalog-api schema for that method,
// path and status: the compatibility tests go through here.
import { expect } from "vitest";
import type { TestApp } from "../../support/http.ts";
import { loadOpenCatalogSpec } from "../../support/openapi-spec.ts";

const spec = loadOpenCatalogSpec();

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
  return { status: res.status, body, headers: res.headers };
}

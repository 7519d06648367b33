// The spec-response validator is what the compatibility tests lean on, so it is tested for what it rejects.
import { describe, expect, it } from "vitest";
import { loadOpenCatalogSpec } from "../../support/openapi-spec.ts";

const spec = loadOpenCatalogSpec();
const software = {
  id: "c353756e-8597-4e46-a99b-7da2e141603b",
  url: "https://github.com/example/my-software",
  publiccodeYml: "name: x\n",
  active: true,
  createdAt: "2022-06-07T14:56:23Z",
  updatedAt: "2022-06-07T14:56:23Z",
};

describe("open-catalog-api response validator", () => {
  it("accepts a well-formed Software for GET /v1/software/{id}", () => {
    expect(spec.validateResponse("GET", `/v1/software/${software.id}`, 200, software).valid).toBe(true);
  });

  it("rejects a Software with a member the spec does not define", () => {
    const result = spec.validateResponse("GET", `/v1/software/${software.id}`, 200, {
      ...software,
      state: "active",
    });
    expect(result.valid).toBe(false);
    expect(result.errors[0]?.keyword).toBe("additionalProperties");
  });

  it("rejects a list whose items miss a required member", () => {
    const { publiccodeYml: _dropped, ...partial } = software;
    const body = { data: [partial], links: { prev: null, next: null } };
    expect(spec.validateResponse("GET", "/v1/software", 200, body).valid).toBe(false);
  });

  it("rejects a cursor that is not base64", () => {
    const body = { data: [], links: { prev: null, next: "not base64!" } };
    expect(spec.validateResponse("GET", "/v1/software?page[size]=1", 200, body).valid).toBe(false);
  });

  it("accepts RFC 9457 extension members on a problem but still checks the spec's members", () => {
    const problem = {
      type: "about:blank",
      title: "Not Found",
      status: 404,
      detail: "x",
      instance: "/v1/x",
      requestId: "r",
    };
    expect(spec.validateResponse("GET", `/v1/software/${software.id}`, 404, problem).valid).toBe(true);
    const { detail: _missing, ...withoutDetail } = problem;
    expect(spec.validateResponse("GET", `/v1/software/${software.id}`, 404, withoutDetail).valid).toBe(false);
  });

  it("treats a documented body-less response (204) as valid only without a body", () => {
    expect(spec.validateResponse("GET", "/v1/status", 204, undefined)).toMatchObject({
      documented: false,
      valid: true,
    });
    expect(spec.validateResponse("GET", "/v1/status", 204, { ok: true }).valid).toBe(false);
  });

  it("throws for a status the spec does not document, so an undocumented answer fails the test", () => {
    expect(() => spec.validateResponse("GET", "/v1/software", 500, {})).toThrow(/documents no 500/);
  });

  it("prefers literal path segments over templates", () => {
    expect(spec.findTemplate("/v1/software/webhooks")).toBe("/software/webhooks");
    expect(spec.findTemplate(`/v1/software/${software.id}/logs`)).toBe("/software/{softwareId}/logs");
  });
});

import { describe, expect, it } from "vitest";
import { HarvestStatusSchema } from "../../../src/http/routes/software/harvest-status.ts";
import { createServiceContext } from "../../../src/services/context.ts";
import { recordSoftwareVersion } from "../../../src/services/software/record-version.ts";
import { createTestApp, samplePubliccode, type TestApp, uniqueRepoUrl } from "../../support/http.ts";

function harvest(t: TestApp, url: string, raw: string, blobSha: string) {
  const ctx = createServiceContext({ db: t.handle.db, clock: t.clock, actor: "harvester" });
  return recordSoftwareVersion({ ctx, input: { url, raw, blobSha, forgeStatus: "200" } });
}

describe("GET /v1/software/{id}/status", () => {
  it("shows a newer invalid file's errors with line and column while the last valid version stays served", async () => {
    const t = createTestApp();
    const url = uniqueRepoUrl();
    const valid = samplePubliccode(url, "Harvested Software");
    const { software } = await harvest(t, url, valid, "sha-valid");
    t.clock.advance(60_000);
    await harvest(
      t,
      url,
      valid.replace("developmentStatus: stable", "developmentStatus: nonsense"),
      "sha-invalid",
    );

    const res = await t.request(`/v1/software/${software.id}/status`);
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(HarvestStatusSchema.safeParse(body).error).toBeUndefined();
    const status = body as { servedBecause: string; errors: { key: string }[] };
    expect(status).toMatchObject({
      softwareId: software.id,
      state: "active",
      hasPendingInvalid: true,
      forgeAnswer: "200",
      latestVersion: { blobSha: "sha-invalid", valid: false },
      servedVersion: { blobSha: "sha-valid" },
      lastFetchedAt: "2025-01-15T10:01:00.000Z",
    });
    expect(status.servedBecause).toMatch(/last valid version is served/);
    const error = status.errors.find((e: { key: string }) => e.key === "developmentStatus");
    expect(error).toMatchObject({ severity: "error", line: expect.any(Number), column: expect.any(Number) });

    const served = (await (await t.request(`/v1/software/${software.id}`)).json()) as {
      publiccodeYml: string;
    };
    expect(served.publiccodeYml).toContain("developmentStatus: stable");
  });

  it("answers 404 for an unknown software", async () => {
    const res = await createTestApp().request("/v1/software/no-such-id/status");
    expect(res.status).toBe(404);
  });
});

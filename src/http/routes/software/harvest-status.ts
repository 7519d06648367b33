// GET /v1/software/{id}/status: what the harvester last saw for this software, public so a publisher can
// debug their publiccode.yml without an account. Not part of the open-catalog-api: our extension.
import { createRoute, z } from "@hono/zod-openapi";
import { callContext } from "../../call-context.ts";
import { problems } from "../../openapi.ts";
import type { createRouter } from "../../router.ts";
import { SoftwareIdParams } from "./schemas.ts";

const IssueSchema = z.object({
  severity: z.enum(["error", "warning"]),
  key: z.string().openapi({ example: "description.en.shortDescription" }),
  message: z.string(),
  line: z.number().int().nullable(),
  column: z.number().int().nullable(),
});

export const HarvestStatusSchema = z
  .object({
    softwareId: z.string(),
    state: z.string().openapi({ example: "active" }),
    stateReason: z.string().nullable(),
    lastCheckedAt: z
      .string()
      .nullable()
      .openapi({ description: "Last look, even when the file was unchanged" }),
    lastFetchedAt: z.string().nullable().openapi({ description: "When the latest version was fetched" }),
    forgeAnswer: z.string().nullable().openapi({ description: "What the forge answered on the last fetch" }),
    latestVersion: z
      .object({
        blobSha: z.string().nullable(),
        fetchedAt: z.string(),
        valid: z.boolean(),
        publiccodeYmlVersion: z.string().nullable(),
      })
      .nullable(),
    servedVersion: z.object({ blobSha: z.string().nullable(), fetchedAt: z.string() }).nullable(),
    servedBecause: z.string().openapi({ example: "latest fetched version is valid" }),
    hasPendingInvalid: z.boolean(),
    errors: z.array(IssueSchema),
    warnings: z.array(IssueSchema),
  })
  .openapi("HarvestStatus");

const route = createRoute({
  method: "get",
  path: "/software/{id}/status",
  tags: ["software"],
  summary: "Get the harvest status of a software",
  description:
    "Last fetch, forge answer, validation errors and warnings with line/column, and which version is served and why.",
  operationId: "show-software-softwareId-status",
  request: { params: SoftwareIdParams },
  responses: {
    200: {
      description: "The harvest status",
      content: { "application/json": { schema: HarvestStatusSchema } },
    },
    404: problems[404],
    429: problems[429],
  },
});

export function registerHarvestStatus(router: ReturnType<typeof createRouter>) {
  router.openapi(route, async (c) => {
    const status = await c.get("deps").services.software.harvestStatus(callContext(c), c.req.valid("param"));
    return c.json(status, 200);
  });
}

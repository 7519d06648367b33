// Wire schemas for /v1/software, shaped like the open-catalog-api `Software` (readOnly fields are ignored
// on input: zod strips unknown keys, so a client may send back what it read).
import { z } from "@hono/zod-openapi";
import { LinksSchema, UuidSchema } from "../../openapi.ts";

const url = z.url({ protocol: /^https?$/ }).max(255);

export const SoftwareSchema = z
  .object({
    id: UuidSchema,
    url: url.openapi({ example: "https://github.com/example/my-software" }),
    aliases: z.array(url).optional(),
    publiccodeYml: z.string(),
    active: z.boolean(),
    vitality: z.string().optional(),
    createdAt: z.string().openapi({ format: "date-time" }),
    updatedAt: z.string().openapi({ format: "date-time" }),
  })
  .openapi("Software");

export const SoftwareCreateSchema = z
  .object({
    url,
    publiccodeYml: z.string().min(1).max(99_999),
    aliases: z.array(url).min(1).max(255).optional(),
    active: z.boolean().optional(),
    vitality: z.string().min(1).max(99_999).optional(),
  })
  .openapi("SoftwareCreate");

export const SoftwareMergePatchSchema = SoftwareCreateSchema.partial().openapi("SoftwareMergePatch");

export const JsonPatchSchema = z
  .array(
    z.object({
      op: z.enum(["add", "remove", "replace", "test"]),
      path: z.string().max(255),
      value: z.unknown().optional(),
      from: z.string().max(255).optional(),
    }),
  )
  .min(1)
  .max(100)
  .openapi("JsonPatchRequest", { description: "RFC 6902 JSON Patch" });

export const SoftwareIdParams = z.object({
  id: z
    .string()
    .min(1)
    .max(64)
    .openapi({ param: { name: "id", in: "path" }, example: "c353756e-8597-4e46-a99b-7da2e141603b" }),
});

export const SoftwarePageSchema = z.object({ data: z.array(SoftwareSchema), links: LinksSchema });

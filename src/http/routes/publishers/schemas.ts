// Wire schemas for /v1/publishers, shaped like the open-catalog-api `Publisher`.
import { z } from "@hono/zod-openapi";
import { LinksSchema } from "../../openapi.ts";

const url = z.url({ protocol: /^https?$/ }).max(255);

const CodeHostingSchema = z.object({
  url,
  group: z.boolean(),
  createdAt: z.string().openapi({ format: "date-time" }),
  updatedAt: z.string().openapi({ format: "date-time" }),
});

export const PublisherSchema = z
  .object({
    id: z.string(),
    description: z.string(),
    email: z.string().optional(),
    active: z.boolean(),
    alternativeId: z.string().optional(),
    codeHosting: z.array(CodeHostingSchema),
    createdAt: z.string().openapi({ format: "date-time" }),
    updatedAt: z.string().openapi({ format: "date-time" }),
  })
  .openapi("Publisher");

export const PublisherCreateSchema = z
  .object({
    description: z.string().min(1).max(255),
    email: z.email().max(255).optional(),
    active: z.boolean().optional(),
    alternativeId: z.string().min(1).max(255).optional(),
    codeHosting: z
      .array(z.object({ url, group: z.boolean().optional() }))
      .min(1)
      .max(255),
  })
  .openapi("PublisherCreate");

export const PublisherMergePatchSchema = PublisherCreateSchema.partial().openapi("PublisherMergePatch");

export const PublisherIdParams = z.object({
  id: z
    .string()
    .min(1)
    .max(255)
    .openapi({ param: { name: "id", in: "path" }, description: "The publisher's id or alternativeId" }),
});

export const PublisherPageSchema = z.object({ data: z.array(PublisherSchema), links: LinksSchema });

import { z } from "@hono/zod-openapi";
import { LinksSchema } from "../../openapi.ts";

export const LogSchema = z
  .object({
    id: z.string(),
    message: z.string(),
    entity: z.string().optional().openapi({ example: "/software/7589be36-f046-45c6-9223-b7de9dbf06cd" }),
    createdAt: z.string().openapi({ format: "date-time" }),
    updatedAt: z.string().openapi({ format: "date-time" }),
  })
  .openapi("Log");

export const LogPageSchema = z.object({ data: z.array(LogSchema), links: LinksSchema });

import { z } from "zod";
import { forgeKinds } from "../../db/schema/forge.ts";

export const addForgeInput = z.object({
  kind: z.enum(forgeKinds),
  /** Web URL of the forge, e.g. https://github.com or https://gitlab.example.org. */
  url: z.string().min(1),
  /** REST API base; defaults per kind (see defaultApiUrls). */
  apiUrl: z.string().min(1).optional(),
  graphqlUrl: z.string().min(1).optional(),
  /** Environment variable that holds the API token. */
  tokenEnv: z
    .string()
    .regex(/^[A-Z_][A-Z0-9_]*$/, "must be an environment variable name")
    .optional(),
});
export type AddForgeInput = z.input<typeof addForgeInput>;

export const forgeByUrlInput = z.object({ url: z.string().min(1) });
export type ForgeByUrlInput = z.input<typeof forgeByUrlInput>;

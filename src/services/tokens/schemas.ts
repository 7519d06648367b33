import { z } from "zod";
import { tokenScopes } from "../../db/schema/index.ts";

export const createTokenInput = z.object({
  name: z.string().trim().min(1).max(200),
  scopes: z.array(z.enum(tokenScopes)).min(1),
  expiresAt: z.date().nullish(),
});
export type CreateTokenInput = z.input<typeof createTokenInput>;

export const revokeTokenInput = z.object({ id: z.string().min(1) });
export type RevokeTokenInput = z.input<typeof revokeTokenInput>;

export const verifyTokenInput = z.object({ secret: z.string() });
export type VerifyTokenInput = z.input<typeof verifyTokenInput>;

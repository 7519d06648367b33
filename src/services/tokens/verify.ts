import { eq } from "drizzle-orm";
import { type TokenScope, token } from "../../db/schema/index.ts";
import type { VerbArgs } from "../context.ts";
import { type VerifyTokenInput, verifyTokenInput } from "./schemas.ts";
import { hashSecret } from "./secret.ts";

export interface VerifiedToken {
  /** What the change log records: "token:<id>". */
  actor: string;
  tokenId: string;
  scopes: TokenScope[];
}

/** The token behind a bearer secret, or null when unknown, revoked or expired. */
export async function verifyToken({ ctx, input }: VerbArgs<VerifyTokenInput>): Promise<VerifiedToken | null> {
  const { secret } = verifyTokenInput.parse(input);
  if (secret.length === 0 || secret.length > 200) return null;
  // Looked up by hash: the comparison happens inside an index on a digest, so timing reveals nothing useful.
  const row = ctx.db
    .select()
    .from(token)
    .where(eq(token.hash, hashSecret(secret)))
    .get();
  if (!row || row.revokedAt) return null;
  if (row.expiresAt && row.expiresAt.getTime() <= ctx.clock.now().getTime()) return null;
  return { actor: `token:${row.id}`, tokenId: row.id, scopes: row.scopes };
}

/** Whether granted scopes allow `needed` ("admin" allows everything). */
export function hasScope(scopes: readonly TokenScope[], needed: TokenScope): boolean {
  return scopes.includes("admin") || scopes.includes(needed);
}

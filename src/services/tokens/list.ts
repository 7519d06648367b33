import { asc } from "drizzle-orm";
import { type TokenScope, token } from "../../db/schema/index.ts";
import type { VerbArgs } from "../context.ts";

export interface TokenInfo {
  id: string;
  name: string;
  scopes: TokenScope[];
  createdAt: Date;
  expiresAt: Date | null;
  revokedAt: Date | null;
}

/** Tokens without their hashes. */
export async function listTokens({ ctx }: VerbArgs<Record<string, never> | undefined>): Promise<TokenInfo[]> {
  return ctx.db
    .select({
      id: token.id,
      name: token.name,
      scopes: token.scopes,
      createdAt: token.createdAt,
      expiresAt: token.expiresAt,
      revokedAt: token.revokedAt,
    })
    .from(token)
    .orderBy(asc(token.createdAt))
    .all();
}

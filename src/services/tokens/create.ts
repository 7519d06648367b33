import { type TokenScope, token } from "../../db/schema/index.ts";
import type { VerbArgs } from "../context.ts";
import { type CreateTokenInput, createTokenInput } from "./schemas.ts";
import { generateSecret, hashSecret } from "./secret.ts";

export interface CreatedToken {
  id: string;
  name: string;
  scopes: TokenScope[];
  expiresAt: Date | null;
  /** Shown once: only its hash is stored. */
  secret: string;
}

export async function createToken({ ctx, input }: VerbArgs<CreateTokenInput>): Promise<CreatedToken> {
  const data = createTokenInput.parse(input);
  const secret = generateSecret();
  const id = ctx.newId();
  const scopes = [...new Set(data.scopes)];
  ctx.db
    .insert(token)
    .values({
      id,
      name: data.name,
      hash: hashSecret(secret),
      scopes,
      createdAt: ctx.clock.now(),
      expiresAt: data.expiresAt ?? null,
    })
    .run();
  ctx.logger.info({ tokenId: id, scopes, actor: ctx.actor }, "token created");
  return { id, name: data.name, scopes, expiresAt: data.expiresAt ?? null, secret };
}

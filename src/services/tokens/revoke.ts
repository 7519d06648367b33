import { and, eq, isNull } from "drizzle-orm";
import { token } from "../../db/schema/index.ts";
import type { VerbArgs } from "../context.ts";
import { NotFoundError } from "../errors.ts";
import { type RevokeTokenInput, revokeTokenInput } from "./schemas.ts";

/** Revokes a token (idempotent); NotFoundError for an unknown id. */
export async function revokeToken({ ctx, input }: VerbArgs<RevokeTokenInput>): Promise<void> {
  const { id } = revokeTokenInput.parse(input);
  const found = ctx.db.select({ id: token.id }).from(token).where(eq(token.id, id)).get();
  if (!found) throw new NotFoundError("token", id);
  ctx.db
    .update(token)
    .set({ revokedAt: ctx.clock.now() })
    .where(and(eq(token.id, id), isNull(token.revokedAt)))
    .run();
  ctx.logger.info({ tokenId: id, actor: ctx.actor }, "token revoked");
}

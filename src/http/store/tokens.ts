// The bearer-token check the app is given: the store's verifyToken verb behind the app's VerifyToken shape.

import type { Logger } from "../../logger.ts";
import { createServiceContext } from "../../services/context.ts";
import { verifyToken } from "../../services/tokens/index.ts";
import type { VerifyToken } from "../context.ts";
import type { StoreDeps } from "./context.ts";

export function createStoreTokenCheck(deps: StoreDeps, logger: Logger): VerifyToken {
  // Verifying reads only; the actor is never recorded.
  const ctx = createServiceContext({ db: deps.db, clock: deps.clock, logger, actor: "auth" });
  return async (secret) => {
    const verified = await verifyToken({ ctx, input: { secret } });
    return verified ? { id: verified.tokenId, scopes: verified.scopes } : null;
  };
}

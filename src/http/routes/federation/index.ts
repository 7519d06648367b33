// The federation's public endpoints, mounted at the root (the well-known URI cannot live under /v1).
import { createRouter } from "../../router.ts";
import { registerFeed } from "./feed.ts";

export type { FederationServices, FeedPageView, PeerView } from "./port.ts";

export function federationRouter() {
  const router = createRouter();
  registerFeed(router);
  return router;
}

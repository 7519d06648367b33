// /v1/peers: the catalogues this one syncs from (admin data, `peers:write`).
import { createRoute, z } from "@hono/zod-openapi";
import { callContext } from "../../call-context.ts";
import { ApiError } from "../../errors.ts";
import { problems, secured } from "../../openapi.ts";
import { createRouter } from "../../router.ts";

const PeerSchema = z
  .object({
    id: z.string(),
    kind: z.enum(["catalogue", "open-catalog-api"]),
    name: z.string(),
    baseUrl: z.string(),
    phase: z.string(),
    status: z.string(),
    lastSuccessAt: z.string().nullable(),
    lastAttemptAt: z.string().nullable(),
    lastError: z.string().nullable(),
    recordsImported: z.number().int(),
    recordsRejected: z.number().int(),
    nextAttemptAt: z.string().nullable(),
  })
  .openapi("Peer");
const PeerCreateSchema = z
  .object({
    url: z.url({ protocol: /^https?$/ }),
    name: z.string().min(1).max(255).optional(),
    kind: z.enum(["catalogue", "open-catalog-api"]).optional(),
  })
  .openapi("PeerCreate");

const common = { 400: problems[400], 401: problems[401], 403: problems[403], 429: problems[429] };

const addRoute = createRoute({
  method: "post",
  path: "/peers",
  tags: ["peers"],
  summary: "Register a peer catalogue to sync from",
  operationId: "create-peer",
  ...secured("peers:write"),
  request: { body: { required: true, content: { "application/json": { schema: PeerCreateSchema } } } },
  responses: {
    201: { description: "The registered peer", content: { "application/json": { schema: PeerSchema } } },
    ...common,
    409: problems[409],
    422: problems[422],
  },
});

const listRoute = createRoute({
  method: "get",
  path: "/peers",
  tags: ["peers"],
  summary: "List peers and their sync state",
  operationId: "list-peers",
  ...secured("peers:write"),
  responses: {
    200: {
      description: "Every registered peer",
      content: { "application/json": { schema: z.object({ data: z.array(PeerSchema) }) } },
    },
    ...common,
  },
});

function federationOf(deps: { federation?: import("../federation/port.ts").FederationServices }) {
  if (!deps.federation) throw new ApiError(404, "This catalogue does not federate.");
  return deps.federation;
}

export function peersRouter() {
  const router = createRouter();
  router.openapi(addRoute, async (c) => {
    const peer = await federationOf(c.get("deps")).addPeer(callContext(c), c.req.valid("json"));
    return c.json(peer, 201);
  });
  router.openapi(listRoute, (c) =>
    c.json({ data: federationOf(c.get("deps")).listPeers(callContext(c)) }, 200),
  );
  return router;
}

// Publishers: the open-catalog-api has a single `description` (a human-readable name); the store keeps a name
// and an optional description. On the wire, description = the store's description, else its name.
import {
  createPublisher,
  deletePublisher,
  getPublisher,
  listPublishers,
  type Publisher,
  updatePublisher,
} from "../../services/publishers/index.ts";
import { ApiError } from "../errors.ts";
import type { CatalogueServices, PublisherView } from "../services.ts";
import { cursorFromWire, iso, type StoreDeps, serviceContext, wireLinks } from "./context.ts";

export function toPublisherView(p: Publisher): PublisherView {
  return {
    id: p.id,
    description: p.description ?? p.name,
    ...(p.email ? { email: p.email } : {}),
    active: p.active,
    ...(p.alternativeId ? { alternativeId: p.alternativeId } : {}),
    // Sources carry no timestamps of their own in the verbs' output: the publisher's stand in for them.
    codeHosting: p.codeHosting.map((h) => ({
      url: h.url,
      group: h.group,
      createdAt: iso(p.createdAt),
      updatedAt: iso(p.updatedAt),
    })),
    createdAt: iso(p.createdAt),
    updatedAt: iso(p.updatedAt),
  };
}

export function storePublishers(deps: StoreDeps): CatalogueServices["publishers"] {
  return {
    async list(cx, q) {
      if (q.from || q.to) throw new ApiError(400, "from and to are not supported on /publishers yet.");
      const page = await listPublishers({
        ctx: serviceContext(deps, cx),
        input: {
          cursor: cursorFromWire(q.after),
          before: cursorFromWire(q.before),
          limit: q.limit,
          ...(q.all ? {} : { active: true }),
        },
      });
      return { data: page.data.map(toPublisherView), ...wireLinks(page) };
    },
    async get(cx, { id }) {
      return toPublisherView(await getPublisher({ ctx: serviceContext(deps, cx), input: { id } }));
    },
    async create(cx, input) {
      return toPublisherView(await createPublisher({ ctx: serviceContext(deps, cx), input }));
    },
    async mergePatch(cx, { id, patch }) {
      return toPublisherView(await updatePublisher({ ctx: serviceContext(deps, cx), input: { id, patch } }));
    },
    async remove(cx, { id }) {
      await deletePublisher({ ctx: serviceContext(deps, cx), input: { id } });
    },
  };
}

// Software: the store's record carries a lifecycle state; the open-catalog-api only knows `active`. The served
// publiccode.yml is the last valid one (a newer invalid file never replaces it).

import { InvalidInputError } from "../../services/errors.ts";
import { createSoftware } from "../../services/software/create.ts";
import { deleteSoftware } from "../../services/software/delete.ts";
import { findSoftwareByUrl, getSoftware } from "../../services/software/get.ts";
import { applySoftwareJsonPatch } from "../../services/software/json-patch.ts";
import { listSoftware } from "../../services/software/list.ts";
import type { Software } from "../../services/software/load.ts";
import { updateSoftware } from "../../services/software/update.ts";
import type { CatalogueServices, SoftwareView, SoftwareWrite } from "../services.ts";
import { cursorFromWire, iso, type StoreDeps, serviceContext, wireLinks } from "./context.ts";

export function toSoftwareView(s: Software): SoftwareView {
  return {
    id: s.id,
    url: s.url,
    // The spec wants a non-empty array or no member at all.
    ...(s.aliases.length > 0 ? { aliases: s.aliases } : {}),
    publiccodeYml: s.publiccodeYml ?? "",
    active: s.state === "active",
    createdAt: iso(s.createdAt),
    updatedAt: iso(s.updatedAt),
  };
}

/** `vitality` is an opaque crawler metric this catalogue does not store; it is accepted and ignored. */
function toStorePatch({ vitality: _vitality, ...patch }: SoftwareWrite) {
  return patch;
}

export function storeSoftware(
  deps: StoreDeps,
): Omit<CatalogueServices["software"], "listLogs" | "harvestStatus"> {
  return {
    async list(cx, q) {
      const ctx = serviceContext(deps, cx);
      if (q.url !== undefined) {
        // A URL names at most one software (canonical URL or alias), in any state.
        const found = await findSoftwareByUrl({ ctx, input: { url: q.url } }).catch((error: unknown) => {
          // A string that is no URL at all names no software: an empty page, as for any other miss.
          if (error instanceof InvalidInputError) return null;
          throw error;
        });
        const visible = found && (q.all || found.state === "active") ? [toSoftwareView(found)] : [];
        return { data: visible, next: null, prev: null };
      }
      const page = await listSoftware({
        ctx,
        input: {
          cursor: cursorFromWire(q.after),
          before: cursorFromWire(q.before),
          limit: q.limit,
          all: q.all,
          from: q.from,
          to: q.to,
        },
      });
      return { data: page.data.map(toSoftwareView), ...wireLinks(page) };
    },
    async get(cx, { id }) {
      return toSoftwareView(await getSoftware({ ctx: serviceContext(deps, cx), input: { id } }));
    },
    async create(cx, input) {
      const { url, publiccodeYml, aliases, active } = input;
      const created = await createSoftware({
        ctx: serviceContext(deps, cx),
        input: {
          url,
          publiccodeYml,
          ...(aliases ? { aliases } : {}),
          ...(active !== undefined ? { active } : {}),
        },
      });
      return toSoftwareView(created);
    },
    async mergePatch(cx, { id, patch }) {
      const updated = await updateSoftware({
        ctx: serviceContext(deps, cx),
        input: { id, patch: toStorePatch(patch) },
      });
      return toSoftwareView(updated);
    },
    async jsonPatch(cx, { id, operations }) {
      const updated = await applySoftwareJsonPatch({
        ctx: serviceContext(deps, cx),
        input: { id, operations },
      });
      return toSoftwareView(updated);
    },
    async remove(cx, { id }) {
      await deleteSoftware({ ctx: serviceContext(deps, cx), input: { id } });
    },
  };
}

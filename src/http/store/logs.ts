// Logs: global (/v1/logs) and per software (/v1/software/{id}/logs), newest first.
import { type LogRow, listLogs } from "../../services/logs/index.ts";
import { getSoftware } from "../../services/software/get.ts";
import type { CatalogueServices, LogView } from "../services.ts";
import { cursorFromWire, iso, logIdToWire, type StoreDeps, serviceContext, wireLinks } from "./context.ts";

export function toLogView(row: LogRow): LogView {
  const entity = row.softwareId ? `/software/${row.softwareId}` : row.entity;
  // Log entries are never edited: updatedAt is createdAt.
  return {
    id: logIdToWire(row.id),
    message: row.message,
    ...(entity ? { entity } : {}),
    createdAt: iso(row.createdAt),
    updatedAt: iso(row.createdAt),
  };
}

export function storeLogs(deps: StoreDeps): {
  logs: CatalogueServices["logs"];
  listSoftwareLogs: CatalogueServices["software"]["listLogs"];
} {
  return {
    logs: {
      async list(cx, q) {
        const page = await listLogs({
          ctx: serviceContext(deps, cx),
          input: {
            cursor: cursorFromWire(q.after),
            before: cursorFromWire(q.before),
            limit: q.limit,
            from: q.from,
            to: q.to,
            search: q.search,
          },
        });
        return { data: page.data.map(toLogView), ...wireLinks(page) };
      },
    },
    async listSoftwareLogs(cx, q) {
      const ctx = serviceContext(deps, cx);
      // An unknown software is a 404, not an empty list.
      const software = await getSoftware({ ctx, input: { id: q.id } });
      const page = await listLogs({
        ctx,
        input: {
          softwareId: software.id,
          cursor: cursorFromWire(q.after),
          before: cursorFromWire(q.before),
          limit: q.limit,
          from: q.from,
          to: q.to,
        },
      });
      return { data: page.data.map(toLogView), ...wireLinks(page) };
    },
  };
}

// Reads one page of `GET /software` defensively: the page frame (data array, links) must be right or the whole
// listing stops with an error; a single malformed software item is skipped with a reason instead.
// @see test/fixtures/specs/open-catalog-api.oas.yaml (components.schemas.Software, Links)
import { z } from "zod";
import type { MirrorItem } from "./types.ts";

export class PageFormatError extends Error {
  override name = "PageFormatError";
}

const pageSchema = z.object({
  data: z.array(z.unknown()),
  links: z
    .object({ next: z.string().max(2048).nullable().optional() })
    .nullable()
    .optional(),
});

const httpUrl = z.url({ protocol: /^https?$/, error: "must be an http(s) URL" }).max(2048);
const dateTime = z.iso.datetime({ offset: true });

const itemSchema = z.object({
  id: z.string().min(1).max(64),
  url: httpUrl,
  // The spec caps aliases at 255; older servers send null or omit them for "none".
  aliases: z.array(httpUrl).max(255).nullish(),
  // The spec caps the text at 99,999 characters.
  publiccodeYml: z.string().min(1).max(99_999),
  active: z.boolean().optional(),
  createdAt: dateTime,
  updatedAt: dateTime,
});

export interface ParsedPage {
  rawItems: unknown[];
  next: string | null;
}

export function parsePageBody(body: Uint8Array, maxItems: number): ParsedPage {
  let json: unknown;
  try {
    json = JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(body));
  } catch {
    throw new PageFormatError("response is not valid UTF-8 JSON");
  }
  const parsed = pageSchema.safeParse(json);
  if (!parsed.success)
    throw new PageFormatError("response is not a page: expected { data: [...], links: {...} }");
  const { data, links } = parsed.data;
  if (data.length > maxItems) {
    throw new PageFormatError(`page holds ${data.length} items, more than the ${maxItems} allowed`);
  }
  const next = links?.next;
  return { rawItems: data, next: typeof next === "string" && next.length > 0 ? next : null };
}

export type ItemResult = { ok: true; item: MirrorItem } | { ok: false; id: string | null; reason: string };

export function parseItem(raw: unknown): ItemResult {
  const rawId = (raw as { id?: unknown } | null)?.id;
  const id = typeof rawId === "string" && rawId.length <= 64 ? rawId : null;
  const parsed = itemSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    return { ok: false, id, reason: `${issue.path.join(".") || "item"}: ${issue.message}` };
  }
  const { aliases, active, publiccodeYml, ...rest } = parsed.data;
  return {
    ok: true,
    item: {
      ...rest,
      aliases: aliases ?? [],
      active: active ?? true,
      publiccodeYml: new TextEncoder().encode(publiccodeYml),
    },
  };
}

// GitLab offset pagination: page/per_page (default 20, at most 100) with Link (rel prev/next/first/last),
// X-Page, X-Per-Page, X-Next-Page, X-Prev-Page, X-Total and X-Total-Pages. Above 10,000 rows GitLab omits
// X-Total, X-Total-Pages and rel="last" for performance, and so does the fake.
// @see https://docs.gitlab.com/api/rest/#pagination
import type { FakeRequest, FakeResponse } from "../http.ts";

const TOTAL_COUNT_LIMIT = 10_000;

export function paginate<T>(req: FakeRequest, rows: readonly T[], origin: string): FakeResponse {
  const page = Math.max(1, Number.parseInt(req.url.searchParams.get("page") ?? "1", 10) || 1);
  const requested = Number.parseInt(req.url.searchParams.get("per_page") ?? "20", 10) || 20;
  const perPage = Math.min(100, Math.max(1, requested));
  const totalPages = Math.max(1, Math.ceil(rows.length / perPage));
  const body = rows.slice((page - 1) * perPage, page * perPage);
  const next = page < totalPages ? page + 1 : null;
  const prev = page > 1 ? page - 1 : null;

  const linkTo = (p: number) => {
    const url = new URL(req.url.pathname + req.url.search, origin);
    url.searchParams.set("page", String(p));
    url.searchParams.set("per_page", String(perPage));
    return url.toString();
  };
  const showTotals = rows.length <= TOTAL_COUNT_LIMIT;
  const links: string[] = [];
  if (prev) links.push(`<${linkTo(prev)}>; rel="prev"`);
  if (next) links.push(`<${linkTo(next)}>; rel="next"`);
  links.push(`<${linkTo(1)}>; rel="first"`);
  if (showTotals) links.push(`<${linkTo(totalPages)}>; rel="last"`);

  const headers: Record<string, string> = {
    link: links.join(", "),
    "x-page": String(page),
    "x-per-page": String(perPage),
    "x-next-page": next ? String(next) : "",
    "x-prev-page": prev ? String(prev) : "",
  };
  if (showTotals) {
    headers["x-total"] = String(rows.length);
    headers["x-total-pages"] = String(totalPages);
  }
  return { status: 200, headers, body };
}

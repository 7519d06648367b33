// Where `links.next` leads. The spec calls it a cursor; developers-italia-api sends a query string
// ("?page[after]=…") that clients append to the endpoint; some servers send an absolute URL. All three are
// accepted, but the result must stay on the endpoint's origin and path: a page must not send the mirror
// elsewhere.

export class NextLinkError extends Error {
  override name = "NextLinkError";
}

/** The URL of the next page, keeping `page[size]` and `all` when the link does not repeat them. */
export function resolveNextPage(next: string, endpoint: URL): URL {
  let url: URL;
  if (next.startsWith("?")) {
    url = new URL(`${endpoint.origin}${endpoint.pathname}${next}`);
  } else if (/^https?:\/\//i.test(next) || /^\/[^/]/.test(next)) {
    // Absolute URLs and path-absolute references ("/v1/software?page[after]=…"); a base64 cursor never
    // starts with "/" in practice (developers-italia-api cursors are base64 of a JSON array: "Wy…").
    url = new URL(next, endpoint.origin);
    if (url.origin !== endpoint.origin || url.pathname !== endpoint.pathname) {
      throw new NextLinkError(
        `links.next leaves ${endpoint.origin}${endpoint.pathname}: ${url.origin}${url.pathname}`,
      );
    }
  } else if (/^[A-Za-z0-9+/=_%.-]+$/.test(next)) {
    url = new URL(endpoint.href);
    url.searchParams.delete("page[before]");
    url.searchParams.set("page[after]", decodeURIComponent(next));
  } else {
    throw new NextLinkError("links.next is neither a cursor, a query string nor a URL");
  }
  for (const key of ["page[size]", "all"]) {
    const value = endpoint.searchParams.get(key);
    if (value !== null && !url.searchParams.has(key)) url.searchParams.set(key, value);
  }
  return url;
}

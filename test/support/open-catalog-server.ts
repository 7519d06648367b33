// A local open-catalog-api server (the `GET /v1/software` part of the spec, test/fixtures/specs/) on
// 127.0.0.1:0 for the mirror tests: cursor pagination with `page[size]` / `page[after]`, `links.next`, the
// `all` flag, and a hook to answer any request with garbage instead.
import { readFileSync } from "node:fs";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

export interface FakeSoftware {
  id: string;
  url: string;
  aliases: string[];
  publiccodeYml: string;
  active: boolean;
  createdAt: string;
  updatedAt: string;
}

/** How `links.next` is written: a query string as developers-italia-api does, a bare cursor, or a full URL. */
export type NextLinkStyle = "query" | "cursor" | "absolute";

export type Override = (url: URL) => { status?: number; body: string } | "hang" | undefined;

export interface OpenCatalogServerOptions {
  software: FakeSoftware[];
  linkStyle?: NextLinkStyle;
  /** Answers a request itself when it returns something (garbage pages, errors, a server that never answers). */
  override?: Override;
}

export interface OpenCatalogServer {
  /** API root, e.g. http://127.0.0.1:1234/v1 */
  baseUrl: string;
  /** Every request path+query received, in order. */
  requests: string[];
  close(): Promise<void>;
}

const FIXTURES = new URL("../fixtures/mirror/", import.meta.url);

/** Software rows whose publiccodeYml are the real files in test/fixtures/mirror (see its SOURCE.md). */
export function fixtureSoftware(): FakeSoftware[] {
  const files = [
    "AgID__wai-portal.yml",
    "4science__glam.yml",
    "Aitema-gmbh__hinweisgebersystem.yml",
    "Amsterdam__signals-frontend.yml",
  ];
  return files.map((file, i) => {
    const [owner, repo] = file.replace(/\.yml$/, "").split("__") as [string, string];
    return {
      id: `0000000${i}-aaaa-4bbb-8ccc-00000000000${i}`,
      url: `https://github.com/${owner}/${repo}`,
      aliases: i === 0 ? [`https://github.com/${owner}/${repo}-old`] : [],
      publiccodeYml: readFileSync(new URL(file, FIXTURES), "utf8"),
      active: i !== 3,
      createdAt: `2024-0${i + 1}-15T10:00:00Z`,
      updatedAt: `2025-0${i + 1}-15T10:00:00Z`,
    };
  });
}

const encodeCursor = (row: FakeSoftware) =>
  Buffer.from(JSON.stringify([row.createdAt, row.id])).toString("base64");

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { "content-type": "application/json" }).end(JSON.stringify(body));
}

function listSoftware(
  options: OpenCatalogServerOptions,
  url: URL,
  origin: string,
  res: ServerResponse,
): void {
  const size = Number(url.searchParams.get("page[size]") ?? "25");
  if (!Number.isInteger(size) || size < 1 || size > 100) {
    sendJson(res, 400, { title: "bad request", detail: "page[size] must be 1-100", status: 400 });
    return;
  }
  const rows = options.software
    .filter((s) => s.active || url.searchParams.get("all") === "true")
    .sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id));
  let start = 0;
  const after = url.searchParams.get("page[after]");
  if (after !== null) {
    const index = rows.findIndex((row) => encodeCursor(row) === after);
    if (index < 0) {
      sendJson(res, 400, { title: "bad request", detail: "invalid cursor", status: 400 });
      return;
    }
    start = index + 1;
  }
  const data = rows.slice(start, start + size);
  const last = data[data.length - 1];
  let next: string | null = null;
  if (last && start + size < rows.length) {
    const cursor = encodeCursor(last);
    const query = `?page[after]=${encodeURIComponent(cursor)}&page[size]=${size}`;
    next = { query, cursor, absolute: `${origin}${url.pathname}${query}` }[options.linkStyle ?? "query"];
  }
  sendJson(res, 200, { data, links: { prev: null, next } });
}

export async function startOpenCatalogServer(options: OpenCatalogServerOptions): Promise<OpenCatalogServer> {
  const requests: string[] = [];
  let origin = "";
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? "/", origin);
    requests.push(`${url.pathname}${url.search}`);
    const custom = options.override?.(url);
    if (custom === "hang") return;
    if (custom) {
      res.writeHead(custom.status ?? 200, { "content-type": "application/json" }).end(custom.body);
      return;
    }
    if (req.method === "GET" && url.pathname === "/v1/software")
      return listSoftware(options, url, origin, res);
    sendJson(res, 404, { title: "not found", status: 404 });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    baseUrl: `${origin}/v1`,
    requests,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

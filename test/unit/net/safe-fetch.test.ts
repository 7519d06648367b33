import { createServer, type RequestListener, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { classifyAddress } from "../../../src/net/address-policy.ts";
import { createSafeFetch, SafeFetchError, safeFetch } from "../../../src/net/safe-fetch.ts";

const servers: Server[] = [];

async function startServer(handler: RequestListener): Promise<string> {
  const server = createServer(handler);
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

afterEach(async () => {
  for (const server of servers.splice(0)) {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
});

async function failureOf(promise: Promise<unknown>): Promise<SafeFetchError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(SafeFetchError);
  return error as SafeFetchError;
}

describe("safeFetch", () => {
  it("returns status, headers and body from a loopback server when private networks are allowed", async () => {
    const base = await startServer((_req, res) => res.writeHead(200, { "x-test": "yes" }).end("hello"));
    const res = await safeFetch(`${base}/file`, { allowPrivateNetwork: true });
    expect(res.status).toBe(200);
    expect(res.headers.get("x-test")).toBe("yes");
    expect(new TextDecoder().decode(res.body)).toBe("hello");
    expect(res.url).toBe(`${base}/file`);
  });

  it("refuses a loopback IP literal by default", async () => {
    const base = await startServer((_req, res) => res.end("secret"));
    expect((await failureOf(safeFetch(base))).kind).toBe("blocked-address");
  });

  it("refuses a name that resolves to loopback by default", async () => {
    const base = await startServer((_req, res) => res.end("secret"));
    const port = new URL(base).port;
    expect((await failureOf(safeFetch(`http://localhost:${port}/`))).kind).toBe("blocked-address");
  });

  it.each([
    { url: "ftp://example.org/file" },
    { url: "file:///etc/passwd" },
    { url: "not a url" },
    { url: "http://user:pass@example.org/" },
  ])("rejects $url as invalid-url", async ({ url }) => {
    expect((await failureOf(safeFetch(url))).kind).toBe("invalid-url");
  });

  it("times out on a server that never answers", async () => {
    const base = await startServer(() => {});
    const error = await failureOf(safeFetch(base, { allowPrivateNetwork: true, timeoutMs: 200 }));
    expect(error.kind).toBe("timeout");
  });

  it("stops reading a body that streams forever once past the cap", async () => {
    const chunk = Buffer.alloc(16 * 1024, 97);
    const base = await startServer((_req, res) => {
      res.writeHead(200);
      const pump = () => {
        while (res.write(chunk)) {}
        res.once("drain", pump);
      };
      res.on("close", () => res.removeAllListeners("drain"));
      pump();
    });
    const error = await failureOf(safeFetch(base, { allowPrivateNetwork: true, maxBytes: 64 * 1024 }));
    expect(error.kind).toBe("too-large");
  });

  it("refuses a body whose declared length is over the cap before reading it", async () => {
    const base = await startServer((_req, res) =>
      res.writeHead(200, { "content-length": "1000" }).end("x".repeat(1000)),
    );
    const error = await failureOf(safeFetch(base, { allowPrivateNetwork: true, maxBytes: 10 }));
    expect(error.kind).toBe("too-large");
  });

  it("connects through the checked lookup when a name resolves to allowed addresses", async () => {
    const base = await startServer((_req, res) => res.end("via name"));
    const loopbackAllowed = createSafeFetch({ classify: () => ({ allowed: true }) });
    const res = await loopbackAllowed(`http://localhost:${new URL(base).port}/`);
    expect(new TextDecoder().decode(res.body)).toBe("via name");
  });

  it("times out when the body stalls after the headers", async () => {
    const base = await startServer((_req, res) => {
      res.writeHead(200);
      res.write("partial");
    });
    const error = await failureOf(safeFetch(base, { allowPrivateNetwork: true, timeoutMs: 200 }));
    expect(error.kind).toBe("timeout");
  });

  it("returns an empty body for HEAD", async () => {
    const base = await startServer((req, res) => res.writeHead(200, { "x-method": req.method ?? "" }).end());
    const res = await safeFetch(base, { allowPrivateNetwork: true, method: "HEAD" });
    expect(res.headers.get("x-method")).toBe("HEAD");
    expect(res.body.length).toBe(0);
  });

  it("rejects with the caller's reason when the caller aborts", async () => {
    const base = await startServer(() => {});
    const controller = new AbortController();
    const pending = safeFetch(base, { allowPrivateNetwork: true, signal: controller.signal });
    controller.abort(new Error("stopped by caller"));
    await expect(pending).rejects.toThrow("stopped by caller");
  });
});

describe("safeFetch redirects", () => {
  it("follows a relative redirect and reports the final URL", async () => {
    const base = await startServer((req, res) => {
      if (req.url === "/start") res.writeHead(302, { location: "/end" }).end();
      else res.end(`at ${req.url}`);
    });
    const res = await safeFetch(`${base}/start`, { allowPrivateNetwork: true });
    expect(new TextDecoder().decode(res.body)).toBe("at /end");
    expect(res.url).toBe(`${base}/end`);
  });

  it("fails with too-many-redirects on a redirect loop", async () => {
    const base = await startServer((_req, res) => res.writeHead(301, { location: "/again" }).end());
    const error = await failureOf(safeFetch(base, { allowPrivateNetwork: true, maxRedirects: 3 }));
    expect(error.kind).toBe("too-many-redirects");
  });

  // Only 127.0.0.1 is allowed here, standing in for a public host; everything else keeps the real policy.
  const onlyFirstLoopback = createSafeFetch({
    classify: (address) => (address === "127.0.0.1" ? { allowed: true } : classifyAddress(address)),
  });

  it.each([
    { target: "http://127.0.0.2/", path: "an IP literal" },
    { target: "http://[::1]/", path: "an IPv6 literal" },
    { target: "http://169.254.169.254/latest/meta-data/", path: "the metadata address" },
  ])("re-checks each hop and refuses a redirect to $path", async ({ target }) => {
    const base = await startServer((_req, res) => res.writeHead(302, { location: target }).end());
    const error = await failureOf(onlyFirstLoopback(base));
    expect(error.kind).toBe("blocked-address");
    expect(error.url).toBe(target);
  });

  it("refuses a redirect to a non-http scheme", async () => {
    const base = await startServer((_req, res) =>
      res.writeHead(302, { location: "file:///etc/passwd" }).end(),
    );
    expect((await failureOf(safeFetch(base, { allowPrivateNetwork: true }))).kind).toBe("invalid-url");
  });

  it("drops credentials when a redirect changes origin", async () => {
    const seen: Array<string | undefined> = [];
    const other = await startServer((req, res) => {
      seen.push(req.headers.authorization);
      res.end("ok");
    });
    const base = await startServer((req, res) => {
      seen.push(req.headers.authorization);
      res.writeHead(307, { location: `${other}/x` }).end();
    });
    await safeFetch(base, { allowPrivateNetwork: true, headers: { Authorization: "Bearer t" } });
    expect(seen).toEqual(["Bearer t", undefined]);
  });
});

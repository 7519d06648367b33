// Network checks against a local HTTP server on 127.0.0.1 (loopback allowed in these tests only), plus the
// guard rails: loopback refused by default, a deadline, a body cap.
import { readFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ValidateOptions, validatePubliccode } from "../../../src/publiccode/index.ts";

const PNG = readFileSync(
  join(import.meta.dirname, "../../fixtures/parser-go/testdata/v0/valid/assets/img/logo.png"),
);
const MINIMAL = readFileSync(
  join(import.meta.dirname, "../../fixtures/parser-go/testdata/v0/valid/valid.minimal.yml"),
  "utf8",
);

let server: Server;
let base: string;
const routes: Record<string, (res: import("node:http").ServerResponse) => void> = {
  "/org/repo.git": (res) => res.end("ok"),
  "/landing": (res) => res.end("<html></html>"),
  "/logo.png": (res) => res.end(PNG),
  "/fake.png": (res) => res.end("not a png"),
  "/big": (res) => res.end(Buffer.alloc(64 * 1024)),
  "/hang": () => {},
};

beforeAll(async () => {
  server = createServer((req, res) => {
    const route = routes[req.url ?? ""];
    if (route) return route(res);
    res.statusCode = 404;
    res.end("not found");
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

/** valid.minimal.yml with its repository URL on the local server and extra top-level keys. */
function document(extra: string): Uint8Array {
  const text = MINIMAL.replace(/^url: .*$/m, `url: "${base}/org/repo.git"`);
  return new TextEncoder().encode(`${text}\n${extra}\n`);
}

const local: ValidateOptions = { network: true, allowPrivateNetwork: true, networkTimeoutMs: 5_000 };
const errors = async (bytes: Uint8Array, options: ValidateOptions = local) =>
  (await validatePubliccode(bytes, options)).results
    .filter((r) => r.severity === "error")
    .map((r) => `${r.key}: ${r.message}`);

describe("network checks", () => {
  it("accepts a file whose URLs answer and whose remote logo is a PNG", async () => {
    expect(await errors(document(`landingURL: "${base}/landing"\nlogo: "${base}/logo.png"`))).toEqual([]);
  });

  it("reports a URL answering 404 in the reference's words", async () => {
    expect(await errors(document(`landingURL: "${base}/gone"`))).toEqual([
      `landingURL: '${base}/gone' not reachable: HTTP GET failed for ${base}/gone: not found`,
    ]);
  });

  it("reports a URL without a scheme without fetching anything", async () => {
    expect(await errors(document('roadmap: "foobar"'))).toEqual([
      "roadmap: roadmap must be an HTTP URL",
      "roadmap: 'foobar' not reachable: missing URL scheme",
    ]);
  });

  it("rejects a remote .png logo that is not a PNG", async () => {
    expect(await errors(document(`logo: "${base}/fake.png"`))).toEqual(["logo: image: unknown format"]);
  });

  it("resolves relative screenshots against baseUrl", async () => {
    const text = MINIMAL.replace(/^url: .*$/m, `url: "${base}/org/repo.git"`).replace(
      "    features:",
      "    screenshots:\n      - shots/one.png\n    features:",
    );
    const result = await errors(new TextEncoder().encode(text), { ...local, baseUrl: `${base}/raw/` });
    expect(result).toEqual([
      `description.en-GB.screenshots[0]: 'shots/one.png' is not an image: HTTP GET failed for ${base}/raw/shots/one.png: not found`,
    ]);
  });

  it("refuses loopback addresses unless allowPrivateNetwork is set", async () => {
    const result = await errors(document(""), { network: true });
    expect(result).toHaveLength(1);
    expect(result[0]).toMatch(
      /^url: '.*' not reachable: HTTP GET failed for .*: .*(blocked|loopback|private)/i,
    );
  });

  it("gives up on a server that never answers, with a timeout reason", async () => {
    const result = await errors(document(`landingURL: "${base}/hang"`), { ...local, networkTimeoutMs: 300 });
    expect(result).toEqual([
      expect.stringMatching(/^landingURL: '.*\/hang' not reachable: HTTP GET failed for .*in time/),
    ]);
  });

  it("stops reading a body past maxNetworkBytes", async () => {
    const result = await errors(document(`landingURL: "${base}/big"`), { ...local, maxNetworkBytes: 1024 });
    expect(result).toEqual([expect.stringMatching(/^landingURL: .* not reachable: .*1024-byte cap/)]);
  });

  it("does not touch the network when network is off", async () => {
    expect(await errors(document(`landingURL: "${base}/gone"`), { network: false })).toEqual([]);
  });
});

import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { buildCatalogueDescriptor } from "../../../src/federation/descriptor.ts";
import { generateCatalogueKeyPair } from "../../../src/federation/keys.ts";
import {
  createOriginKeyResolver,
  DescriptorError,
  descriptorUrlFor,
  fetchCatalogueDescriptor,
} from "../../../src/federation/peer-descriptor.ts";
import { fixedClock } from "../../../src/lib/clock.ts";

const servers: Server[] = [];
afterEach(async () => {
  for (const server of servers.splice(0)) await new Promise((resolve) => server.close(resolve));
});

/** Serves a descriptor for `id` whose baseUrl is the server itself (or `claimBaseUrl`). */
async function servePeer(id: string, claimBaseUrl?: string) {
  const { publicJwk } = await generateCatalogueKeyPair();
  const hits: string[] = [];
  let base = "";
  const server = createServer((req, res) => {
    hits.push(req.url ?? "");
    const descriptor = buildCatalogueDescriptor({
      id,
      name: "Peer",
      baseUrl: claimBaseUrl ?? base,
      country: "IT",
      scope: "national",
      publicKeys: [publicJwk],
      tombstoneRetentionDays: 90,
    });
    res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(descriptor));
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { base, hits, publicJwk };
}

describe("descriptorUrlFor", () => {
  it("uses a registered peer's base URL first, else the id as a host name, never a bare label", () => {
    const peers = new Map([["peer.example", "http://10.0.0.5:8080/"]]);
    expect(descriptorUrlFor("peer.example", peers)).toBe(
      "http://10.0.0.5:8080/.well-known/publiccode-catalogue",
    );
    expect(descriptorUrlFor("catalogue.example.eu", peers)).toBe(
      "https://catalogue.example.eu/.well-known/publiccode-catalogue",
    );
    expect(descriptorUrlFor("intranet", peers)).toBeNull();
    expect(descriptorUrlFor("127.0.0.1", peers)).toBeNull();
  });
});

describe("fetchCatalogueDescriptor", () => {
  it("returns the descriptor with its key set when id and base URL check out", async () => {
    const peer = await servePeer("peer.example");
    const descriptor = await fetchCatalogueDescriptor(
      `${peer.base}/.well-known/publiccode-catalogue`,
      "peer.example",
      {
        allowPrivateNetwork: true,
      },
    );
    expect(descriptor.jwks.keys[0]?.kid).toBe(peer.publicJwk.kid);
    expect(descriptor.feeds.changes).toBe(`${peer.base}/federation/v1/changes`);
  });

  it("refuses a descriptor that describes another catalogue id", async () => {
    const peer = await servePeer("someone-else.example");
    await expect(
      fetchCatalogueDescriptor(`${peer.base}/.well-known/publiccode-catalogue`, "peer.example", {
        allowPrivateNetwork: true,
      }),
    ).rejects.toThrow(/describes 'someone-else.example'/);
  });

  it("refuses a descriptor that claims a base URL other than where it is served", async () => {
    const peer = await servePeer("peer.example", "https://catalogue.example.eu");
    await expect(
      fetchCatalogueDescriptor(`${peer.base}/.well-known/publiccode-catalogue`, "peer.example", {
        allowPrivateNetwork: true,
      }),
    ).rejects.toThrow(DescriptorError);
  });
});

describe("createOriginKeyResolver", () => {
  it("fetches a registered peer's keys once per TTL", async () => {
    const peer = await servePeer("peer.example");
    const clock = fixedClock("2026-01-01T00:00:00Z");
    const resolver = createOriginKeyResolver({
      knownPeers: new Map([["peer.example", peer.base]]),
      clock,
      ttlMs: 60_000,
      allowPrivateNetwork: true,
    });
    const first = await resolver.resolveOriginKeys("peer.example");
    await resolver.resolveOriginKeys("peer.example");
    expect(first?.keys[0]?.kid).toBe(peer.publicJwk.kid);
    expect(peer.hits).toHaveLength(1);
    clock.advance(60_001);
    await resolver.resolveOriginKeys("peer.example");
    expect(peer.hits).toHaveLength(2);
  });

  it("shares one fetch between concurrent lookups of the same origin (a page verifies all at once)", async () => {
    const peer = await servePeer("peer.example");
    const resolver = createOriginKeyResolver({
      knownPeers: new Map([["peer.example", peer.base]]),
      clock: fixedClock("2026-01-01T00:00:00Z"),
      allowPrivateNetwork: true,
    });
    const all = await Promise.all(
      Array.from({ length: 50 }, () => resolver.resolveOriginKeys("peer.example")),
    );
    expect(new Set(all.map((jwks) => jwks?.keys[0]?.kid))).toEqual(new Set([peer.publicJwk.kid]));
    expect(peer.hits).toHaveLength(1);
  });

  it("returns null, with the reason, for an id it cannot locate or verify", async () => {
    const peer = await servePeer("other.example");
    const resolver = createOriginKeyResolver({
      knownPeers: new Map([["peer.example", peer.base]]),
      clock: fixedClock("2026-01-01T00:00:00Z"),
      allowPrivateNetwork: true,
    });
    await expect(resolver.resolveOriginKeys("peer.example")).resolves.toBeNull();
    expect(resolver.lastError("peer.example")).toMatch(/describes 'other.example'/);
    await expect(resolver.resolveOriginKeys("intranet")).resolves.toBeNull();
    expect(resolver.lastError("intranet")).toMatch(/no descriptor location/);
  });
});

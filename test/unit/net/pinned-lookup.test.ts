import type { LookupAddress } from "node:dns";
import { describe, expect, it } from "vitest";
import { classifyAddress } from "../../../src/net/address-policy.ts";
import { createPinnedLookup, type Resolver } from "../../../src/net/pinned-lookup.ts";
import { SafeFetchError } from "../../../src/net/safe-fetch-error.ts";

function resolverOf(addresses: LookupAddress[]): Resolver {
  return (_host, cb) => cb(null, addresses);
}

function runLookup(resolver: Resolver, all: boolean): Promise<unknown[]> {
  const lookup = createPinnedLookup({ classify: classifyAddress, resolver });
  return new Promise((resolve, reject) => {
    // biome-ignore lint/suspicious/noExplicitAny: node's LookupFunction overloads are not callable as one type
    (lookup as any)("peer.example", { all }, (err: Error | null, ...rest: unknown[]) =>
      err ? reject(err) : resolve(rest),
    );
  });
}

describe("createPinnedLookup", () => {
  it("returns the checked public addresses when every address is public", async () => {
    const addresses = [
      { address: "93.184.216.34", family: 4 },
      { address: "2606:2800:220:1::1", family: 6 },
    ];
    await expect(runLookup(resolverOf(addresses), true)).resolves.toEqual([addresses]);
    await expect(runLookup(resolverOf(addresses), false)).resolves.toEqual(["93.184.216.34", 4]);
  });

  it("refuses a name that resolves to loopback (DNS rebinding)", async () => {
    const error = await runLookup(resolverOf([{ address: "127.0.0.1", family: 4 }]), false).catch((e) => e);
    expect(error).toBeInstanceOf(SafeFetchError);
    expect(error.kind).toBe("blocked-address");
  });

  it("refuses a name when any one of its addresses is private", async () => {
    const mixed = [
      { address: "93.184.216.34", family: 4 },
      { address: "10.0.0.7", family: 4 },
    ];
    await expect(runLookup(resolverOf(mixed), true)).rejects.toMatchObject({ kind: "blocked-address" });
  });

  it("reports resolver failures as dns errors", async () => {
    const failing: Resolver = (_h, cb) =>
      cb(Object.assign(new Error("ENOTFOUND"), { code: "ENOTFOUND" }), []);
    await expect(runLookup(failing, false)).rejects.toMatchObject({ kind: "dns" });
  });
});

// A DNS lookup for node:http(s) that refuses blocked addresses. Because the socket connects to exactly the
// address this function returns, the check covers the address actually connected to: a name that resolves to
// a public address when checked and to 127.0.0.1 when connecting (DNS rebinding) cannot slip through.
import { lookup as dnsLookup, type LookupAddress, type LookupOptions } from "node:dns";
import type { LookupFunction } from "node:net";
import type { AddressVerdict } from "./address-policy.ts";
import { SafeFetchError } from "./safe-fetch-error.ts";

export type Resolver = (
  hostname: string,
  callback: (err: Error | null, addresses: LookupAddress[]) => void,
) => void;

const systemResolver: Resolver = (hostname, callback) =>
  dnsLookup(hostname, { all: true, verbatim: true }, (err, addresses) => callback(err, addresses ?? []));

/**
 * Builds a lookup that resolves every address of the name and fails when any of them is blocked: a name with
 * one private address among public ones is refused as a whole rather than hoping the connection avoids it.
 */
export function createPinnedLookup(options: {
  classify: (address: string) => AddressVerdict;
  resolver?: Resolver;
}): LookupFunction {
  const resolve = options.resolver ?? systemResolver;
  return ((hostname: string, lookupOptions: LookupOptions, callback: (...args: unknown[]) => void) => {
    resolve(hostname, (err, resolved) => {
      if (err) {
        callback(
          new SafeFetchError("dns", `cannot resolve ${hostname}: ${err.message}`, undefined, { cause: err }),
        );
        return;
      }
      const family =
        lookupOptions.family === 4 || lookupOptions.family === 6 ? lookupOptions.family : undefined;
      const candidates = family ? resolved.filter((a) => a.family === family) : resolved;
      if (candidates.length === 0) {
        callback(new SafeFetchError("dns", `${hostname} has no usable address`));
        return;
      }
      for (const candidate of candidates) {
        const verdict = options.classify(candidate.address);
        if (!verdict.allowed) {
          const msg = `${hostname} resolves to ${candidate.address}: ${verdict.reason}`;
          callback(new SafeFetchError("blocked-address", msg));
          return;
        }
      }
      // Node asks for all addresses when happy-eyeballs (autoSelectFamily) is on, and for one otherwise.
      if (lookupOptions.all) callback(null, candidates);
      else callback(null, candidates[0]!.address, candidates[0]!.family);
    });
  }) as LookupFunction;
}

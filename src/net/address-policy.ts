// Which IP addresses an outbound fetch may connect to. A catalogue fetches URLs that strangers control (peer
// base URLs, logos, repository links), so anything that reaches the machine itself or its private network is
// refused: loopback, RFC 1918, unique-local, link-local, CGNAT, unspecified, multicast, reserved, and the IPv6
// forms that embed such an IPv4 address (IPv4-mapped, IPv4-compatible, NAT64, 6to4).
// @see https://www.iana.org/assignments/iana-ipv4-special-registry/
// @see https://www.iana.org/assignments/iana-ipv6-special-registry/
import { BlockList, isIP } from "node:net";

const IPV4_BLOCKED: ReadonlyArray<[string, number, string]> = [
  ["0.0.0.0", 8, "unspecified / this network"],
  ["10.0.0.0", 8, "private (RFC 1918)"],
  ["100.64.0.0", 10, "shared address space (CGNAT)"],
  ["127.0.0.0", 8, "loopback"],
  ["169.254.0.0", 16, "link-local"],
  ["172.16.0.0", 12, "private (RFC 1918)"],
  ["192.0.0.0", 24, "IETF protocol assignments"],
  ["192.0.2.0", 24, "documentation"],
  ["192.168.0.0", 16, "private (RFC 1918)"],
  ["198.18.0.0", 15, "benchmarking"],
  ["198.51.100.0", 24, "documentation"],
  ["203.0.113.0", 24, "documentation"],
  ["224.0.0.0", 4, "multicast"],
  ["240.0.0.0", 4, "reserved / broadcast"],
];

const IPV6_BLOCKED: ReadonlyArray<[string, number, string]> = [
  ["::", 128, "unspecified"],
  ["::1", 128, "loopback"],
  // IPv4-compatible addresses are deprecated (RFC 4291) and never legitimate destinations.
  ["::", 96, "IPv4-compatible"],
  ["100::", 64, "discard-only"],
  ["2001:db8::", 32, "documentation"],
  ["fc00::", 7, "unique-local"],
  ["fe80::", 10, "link-local"],
  ["fec0::", 10, "site-local (deprecated)"],
  ["ff00::", 8, "multicast"],
];

function buildList(): BlockList {
  const list = new BlockList();
  for (const [net, prefix] of IPV4_BLOCKED) list.addSubnet(net, prefix, "ipv4");
  for (const [net, prefix] of IPV6_BLOCKED) list.addSubnet(net, prefix, "ipv6");
  return list;
}

const blockList = buildList();

export type AddressVerdict = { allowed: true } | { allowed: false; reason: string };

/** Expands an IPv6 literal (zone id stripped, dotted IPv4 tail allowed) into its eight 16-bit groups. */
function expandIpv6(address: string): number[] {
  let text = address.split("%")[0]!;
  const dotted = text.match(/(\d+\.\d+\.\d+\.\d+)$/);
  if (dotted) {
    const [a, b, c, d] = dotted[1]!.split(".").map(Number) as [number, number, number, number];
    text = `${text.slice(0, -dotted[1]!.length)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head, tail] = text.includes("::") ? text.split("::") : [text, undefined];
  const left = head ? head.split(":") : [];
  const right = tail ? tail.split(":") : [];
  const zeros = tail === undefined ? [] : new Array(8 - left.length - right.length).fill("0");
  return [...left, ...zeros, ...right].map((g) => Number.parseInt(g, 16));
}

function ipv4FromGroups(hi: number, lo: number): string {
  return [hi >> 8, hi & 0xff, lo >> 8, lo & 0xff].join(".");
}

/** The IPv4 address an IPv6 address carries and would reach (mapped, NAT64, 6to4), if any. */
function embeddedIpv4(address: string): string | null {
  const g = expandIpv6(address);
  const isZero = (from: number, to: number) => g.slice(from, to).every((x) => x === 0);
  if (isZero(0, 5) && g[5] === 0xffff) return ipv4FromGroups(g[6]!, g[7]!); // ::ffff:0:0/96
  if (g[0] === 0x64 && g[1] === 0xff9b && isZero(2, 6)) return ipv4FromGroups(g[6]!, g[7]!); // 64:ff9b::/96
  if (g[0] === 0x2002) return ipv4FromGroups(g[1]!, g[2]!); // 2002::/16 (6to4)
  return null;
}

function reasonFor(address: string, family: "ipv4" | "ipv6"): string {
  const table = family === "ipv4" ? IPV4_BLOCKED : IPV6_BLOCKED;
  for (const [net, prefix, reason] of table) {
    const single = new BlockList();
    single.addSubnet(net, prefix, family);
    if (single.check(address, family)) return reason;
  }
  return "blocked range";
}

/** Classifies one IP literal. Anything that is not an IP literal is refused (callers resolve names first). */
export function classifyAddress(address: string): AddressVerdict {
  const bare = address.replace(/^\[|\]$/g, "");
  const version = isIP(bare.split("%")[0]!);
  if (version === 0) return { allowed: false, reason: "not an IP address" };
  if (version === 6) {
    const v4 = embeddedIpv4(bare);
    if (v4 !== null) {
      const inner = classifyAddress(v4);
      return inner.allowed ? inner : { allowed: false, reason: `${inner.reason} (embedded in IPv6)` };
    }
  }
  const family = version === 4 ? "ipv4" : "ipv6";
  const target = family === "ipv6" ? bare.split("%")[0]! : bare;
  if (blockList.check(target, family)) return { allowed: false, reason: reasonFor(target, family) };
  return { allowed: true };
}

import { describe, expect, it } from "vitest";
import { classifyAddress } from "../../../src/net/address-policy.ts";

describe("classifyAddress", () => {
  it.each([
    { address: "127.0.0.1", why: "loopback" },
    { address: "127.255.255.254", why: "loopback" },
    { address: "10.1.2.3", why: "RFC 1918" },
    { address: "172.16.0.1", why: "RFC 1918" },
    { address: "172.31.255.255", why: "RFC 1918" },
    { address: "192.168.1.1", why: "RFC 1918" },
    { address: "169.254.169.254", why: "link-local (cloud metadata)" },
    { address: "100.64.0.1", why: "CGNAT" },
    { address: "100.127.255.255", why: "CGNAT" },
    { address: "0.0.0.0", why: "unspecified" },
    { address: "224.0.0.1", why: "multicast" },
    { address: "239.255.255.250", why: "multicast" },
    { address: "255.255.255.255", why: "broadcast" },
    { address: "::", why: "IPv6 unspecified" },
    { address: "::1", why: "IPv6 loopback" },
    { address: "fc00::1", why: "unique-local" },
    { address: "fd12:3456:789a::1", why: "unique-local" },
    { address: "fe80::1", why: "link-local" },
    { address: "fe80::1%eth0", why: "link-local with zone" },
    { address: "ff02::1", why: "IPv6 multicast" },
    { address: "::ffff:127.0.0.1", why: "IPv4-mapped loopback" },
    { address: "::ffff:7f00:1", why: "IPv4-mapped loopback, hex form" },
    { address: "::ffff:10.0.0.1", why: "IPv4-mapped private" },
    { address: "::ffff:169.254.169.254", why: "IPv4-mapped link-local" },
    { address: "::127.0.0.1", why: "IPv4-compatible" },
    { address: "64:ff9b::a00:1", why: "NAT64 of 10.0.0.1" },
    { address: "2002:c0a8:0101::1", why: "6to4 of 192.168.1.1" },
    { address: "[::1]", why: "bracketed URL form" },
    { address: "localhost", why: "not an IP literal" },
  ])("refuses $address ($why)", ({ address }) => {
    expect(classifyAddress(address).allowed).toBe(false);
  });

  it.each([
    { address: "8.8.8.8" },
    { address: "1.1.1.1" },
    { address: "172.32.0.1" },
    { address: "100.128.0.1" },
    { address: "169.255.0.1" },
    { address: "2a00:1450:4001:80b::200e" },
    { address: "2606:4700:4700::1111" },
    { address: "::ffff:8.8.8.8" },
    { address: "64:ff9b::808:808" },
  ])("allows public address $address", ({ address }) => {
    expect(classifyAddress(address)).toEqual({ allowed: true });
  });

  it("names the range in the refusal reason", () => {
    expect(classifyAddress("100.64.1.1")).toEqual({ allowed: false, reason: "shared address space (CGNAT)" });
    expect(classifyAddress("::ffff:192.168.0.1")).toEqual({
      allowed: false,
      reason: "private (RFC 1918) (embedded in IPv6)",
    });
  });
});

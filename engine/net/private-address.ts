// Which IP addresses count as "private" for URL fetching: loopback, RFC 1918, link-local, CGNAT,
// unique-local, multicast, reserved and unspecified ranges. A page fetched on the user's behalf
// must not be able to reach the user's own machine or network (router admin pages, cloud
// metadata at 169.254.169.254) unless the user allows it.
import { BlockList, isIP } from 'node:net';

const blocked = new BlockList();
for (const [net, prefix] of [
  ['0.0.0.0', 8], // "this network"
  ['10.0.0.0', 8],
  ['100.64.0.0', 10], // carrier-grade NAT
  ['127.0.0.0', 8],
  ['169.254.0.0', 16], // link-local, cloud metadata endpoints
  ['172.16.0.0', 12],
  ['192.0.0.0', 24], // IETF protocol assignments
  ['192.0.2.0', 24], // documentation
  ['192.168.0.0', 16],
  ['198.18.0.0', 15], // benchmarking
  ['198.51.100.0', 24],
  ['203.0.113.0', 24],
  ['224.0.0.0', 4], // multicast
  ['240.0.0.0', 4], // reserved, broadcast
] as const) {
  blocked.addSubnet(net, prefix, 'ipv4');
}
for (const [net, prefix] of [
  ['::', 128], // unspecified
  ['::1', 128],
  ['fc00::', 7], // unique local
  ['fe80::', 10], // link-local
  ['fec0::', 10], // old site-local
  ['ff00::', 8], // multicast
  ['2001:db8::', 32], // documentation
  ['100::', 64], // discard
] as const) {
  blocked.addSubnet(net, prefix, 'ipv6');
}

/** True for an address a fetch must not connect to without `allowPrivate`. Non-IP input is refused too. */
export function isPrivateAddress(address: string): boolean {
  const a = address.replace(/^\[|\]$/g, '').replace(/%.*$/, '');
  const family = isIP(a);
  if (family === 4) return blocked.check(a, 'ipv4');
  if (family !== 6) return true;
  const bytes = ipv6Bytes(a);
  if (!bytes) return true;
  for (const v4 of embeddedIpv4(bytes)) if (isPrivateAddress(v4)) return true;
  return blocked.check(a, 'ipv6');
}

/** The 16 bytes of an IPv6 address in any spelling ("::", a trailing dotted quad), or null. */
function ipv6Bytes(address: string): number[] | null {
  let s = address.toLowerCase();
  const quad = /(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(s);
  if (quad) {
    const n = quad.slice(1).map(Number);
    if (n.some((x) => x > 255)) return null;
    s = `${s.slice(0, quad.index)}${((n[0]! << 8) | n[1]!).toString(16)}:${((n[2]! << 8) | n[3]!).toString(16)}`;
  }
  const halves = s.split('::');
  if (halves.length > 2) return null;
  const words = (h: string) => (h === '' ? [] : h.split(':').map((w) => parseInt(w, 16)));
  const head = words(halves[0]!);
  const tail = halves.length === 2 ? words(halves[1]!) : [];
  const fill = 8 - head.length - tail.length;
  if (halves.length === 1 ? fill !== 0 : fill < 1) return null;
  const all = [...head, ...Array<number>(halves.length === 2 ? fill : 0).fill(0), ...tail];
  if (all.some((w) => !Number.isInteger(w) || w < 0 || w > 0xffff)) return null;
  return all.flatMap((w) => [w >> 8, w & 255]);
}

/**
 * The IPv4 addresses an IPv6 address carries, in every form that routes to them: IPv4-mapped
 * (::ffff:0:0/96, "[::ffff:7f00:1]"), IPv4-translated (::ffff:0:0:0/96), IPv4-compatible (::/96,
 * WHATWG writes ::127.0.0.1 as [::7f00:1]), NAT64 (64:ff9b::/96 and 64:ff9b:1::/48), 6to4
 * (2002::/16, the address in bytes 2-5) and Teredo (2001::/32: server in bytes 4-7, client
 * inverted in bytes 12-15).
 */
function embeddedIpv4(b: number[]): string[] {
  const v4 = (o: number, invert = false) => b.slice(o, o + 4).map((x) => (invert ? x ^ 255 : x)).join('.');
  const zero = (from: number, to: number) => b.slice(from, to).every((x) => x === 0);
  const out: string[] = [];
  if (zero(0, 10) && b[10] === 255 && b[11] === 255) out.push(v4(12));
  if (zero(0, 8) && b[8] === 255 && b[9] === 255 && zero(10, 12)) out.push(v4(12));
  // ::/96 except :: and ::1 themselves, which the IPv6 list covers.
  if (zero(0, 12) && !zero(12, 15)) out.push(v4(12));
  if (b[0] === 0 && b[1] === 0x64 && b[2] === 0xff && b[3] === 0x9b && (zero(4, 12) || (b[4] === 0 && b[5] === 1))) out.push(v4(12));
  if (b[0] === 0x20 && b[1] === 0x02) out.push(v4(2));
  if (b[0] === 0x20 && b[1] === 0x01 && b[2] === 0 && b[3] === 0) out.push(v4(4), v4(12, true));
  return out;
}

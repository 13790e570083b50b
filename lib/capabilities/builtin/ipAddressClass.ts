import { BlockList, isIP } from 'node:net';

/** What kind of address an IP is, for the SSRF guard: only `public` may be called without an opt-in. */
export type AddressClass =
  | 'public'
  | 'loopback'
  | 'private'
  | 'link-local'
  | 'cloud-metadata'
  | 'unique-local'
  | 'cgnat'
  | 'unspecified'
  | 'multicast'
  | 'documentation'
  | 'reserved';

export const ADDRESS_CLASS_DESCRIPTIONS: Readonly<Record<AddressClass, string>> = {
  public: 'a public address',
  loopback: 'a loopback address',
  private: 'a private address',
  'link-local': 'a link-local address',
  'cloud-metadata': 'a cloud metadata service address',
  'unique-local': 'a unique-local address',
  cgnat: 'a shared (CGNAT) address',
  unspecified: 'an unspecified address',
  multicast: 'a multicast address',
  documentation: 'a documentation address',
  reserved: 'a reserved address',
};

type Range = readonly [network: string, prefix: number, addressClass: Exclude<AddressClass, 'public'>];

// The first matching range wins, so the metadata hosts come before the ranges that contain them.
// Sources: RFC 6890 (special-purpose registries), RFC 6598 (CGNAT), RFC 4193 (ULA), RFC 9637 (3fff::/20).
const IPV4_RANGES: readonly Range[] = [
  ['169.254.169.254', 32, 'cloud-metadata'], // AWS, GCP, Azure
  ['100.100.100.200', 32, 'cloud-metadata'], // Alibaba Cloud
  ['192.0.0.192', 32, 'cloud-metadata'], // Oracle Cloud
  ['169.254.170.2', 32, 'cloud-metadata'], // ECS task metadata and credentials
  ['169.254.170.23', 32, 'cloud-metadata'], // EKS Pod Identity credentials
  ['0.0.0.0', 8, 'unspecified'],
  ['10.0.0.0', 8, 'private'],
  ['100.64.0.0', 10, 'cgnat'],
  ['127.0.0.0', 8, 'loopback'],
  ['169.254.0.0', 16, 'link-local'],
  ['172.16.0.0', 12, 'private'],
  ['192.0.0.0', 24, 'reserved'],
  ['192.0.2.0', 24, 'documentation'],
  ['192.88.99.0', 24, 'reserved'],
  ['192.168.0.0', 16, 'private'],
  ['198.18.0.0', 15, 'reserved'],
  ['198.51.100.0', 24, 'documentation'],
  ['203.0.113.0', 24, 'documentation'],
  ['224.0.0.0', 4, 'multicast'],
  ['240.0.0.0', 4, 'reserved'],
];

const IPV6_RANGES: readonly Range[] = [
  ['::', 128, 'unspecified'],
  ['::1', 128, 'loopback'],
  ['fd00:ec2::254', 128, 'cloud-metadata'], // AWS over IPv6
  ['fd00:ec2::23', 128, 'cloud-metadata'], // EKS Pod Identity credentials over IPv6
  ['64:ff9b:1::', 48, 'private'], // local-use NAT64
  ['100::', 64, 'reserved'], // discard-only
  ['2001:db8::', 32, 'documentation'],
  ['2001::', 23, 'reserved'], // IETF protocol assignments, Teredo included
  ['3fff::', 20, 'documentation'],
  ['fc00::', 7, 'unique-local'],
  ['fe80::', 10, 'link-local'],
  ['fec0::', 10, 'private'], // deprecated site-local
  ['ff00::', 8, 'multicast'],
];

function blockListsOf(ranges: readonly Range[], type: 'ipv4' | 'ipv6'): ReadonlyArray<readonly [BlockList, Range[2]]> {
  return ranges.map(([network, prefix, addressClass]) => {
    const list = new BlockList();
    list.addSubnet(network, prefix, type);
    return [list, addressClass] as const;
  });
}

const IPV4_LISTS = blockListsOf(IPV4_RANGES, 'ipv4');
const IPV6_LISTS = blockListsOf(IPV6_RANGES, 'ipv6');
const GLOBAL_UNICAST = new BlockList();
GLOBAL_UNICAST.addSubnet('2000::', 3, 'ipv6');

/** The eight 16-bit groups of a valid IPv6 address (a trailing dotted IPv4 part included). */
export function ipv6Groups(address: string): number[] {
  const text = address.replace(/(\d+)\.(\d+)\.(\d+)\.(\d+)$/, (_match, a: string, b: string, c: string, d: string) => {
    const hex = (high: string, low: string) => ((Number(high) << 8) | Number(low)).toString(16);
    return `${hex(a, b)}:${hex(c, d)}`;
  });
  const [left = '', right] = text.split('::');
  const head = left === '' ? [] : left.split(':');
  const tail = right === undefined || right === '' ? [] : right.split(':');
  const zeros = right === undefined ? [] : Array<string>(8 - head.length - tail.length).fill('0');
  return [...head, ...zeros, ...tail].map((group) => parseInt(group, 16));
}

/**
 * The IPv4 address an IPv6 one carries and would reach: IPv4-mapped (`::ffff:a.b.c.d`),
 * IPv4-translated (`::ffff:0:a.b.c.d`, RFC 2765), IPv4-compatible (`::a.b.c.d`, deprecated by RFC 4291
 * but still routed by some stacks), NAT64 (`64:ff9b::/96`) and 6to4 (`2002::/16`). Undefined for any
 * other IPv6 address, `::` and `::1` included: they are themselves, not 0.0.0.0 and 0.0.0.1.
 */
export function embeddedIpv4(address: string): string | undefined {
  const groups = ipv6Groups(address);
  const [g0, g1, g2, g3, g4, g5, g6, g7] = groups as [number, number, number, number, number, number, number, number];
  const dotted = (high: number, low: number) => [high >> 8, high & 0xff, low >> 8, low & 0xff].join('.');
  const zeroPrefix = g0 === 0 && g1 === 0 && g2 === 0 && g3 === 0;
  if (zeroPrefix && g4 === 0 && g5 === 0xffff) return dotted(g6, g7);
  if (zeroPrefix && g4 === 0xffff && g5 === 0) return dotted(g6, g7);
  if (zeroPrefix && g4 === 0 && g5 === 0 && (g6 !== 0 || g7 > 1)) return dotted(g6, g7);
  if (g0 === 0x64 && g1 === 0xff9b && g2 === 0 && g3 === 0 && g4 === 0 && g5 === 0) return dotted(g6, g7);
  if (g0 === 0x2002) return dotted(g1, g2);
  return undefined;
}

function classifyIpv4(address: string): AddressClass {
  return IPV4_LISTS.find(([list]) => list.check(address, 'ipv4'))?.[1] ?? 'public';
}

function classifyIpv6(address: string): AddressClass {
  const ipv4 = embeddedIpv4(address);
  if (ipv4 !== undefined) return classifyIpv4(ipv4);
  const match = IPV6_LISTS.find(([list]) => list.check(address, 'ipv6'))?.[1];
  if (match !== undefined) return match;
  // Everything outside 2000::/3 is unassigned or special-purpose: nothing a task needs to reach.
  return GLOBAL_UNICAST.check(address, 'ipv6') ? 'public' : 'reserved';
}

/**
 * Classifies an IP address (v4 or v6, a zone id such as `%eth0` ignored).
 *
 * @example
 * classifyAddress('127.0.0.1');          // 'loopback'
 * classifyAddress('::ffff:169.254.169.254'); // 'cloud-metadata'
 * classifyAddress('93.184.215.14');       // 'public'
 */
export function classifyAddress(address: string): AddressClass {
  const plain = address.replace(/%.*$/, '');
  switch (isIP(plain)) {
    case 4:
      return classifyIpv4(plain);
    case 6:
      return classifyIpv6(plain);
    default:
      throw new TypeError(`Not an IP address: "${address}"`);
  }
}

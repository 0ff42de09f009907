import { BlockList, isIP } from 'node:net';

/**
 * Address ranges an input URL may not reach unless allow-listed (SPEC §6), by kind.
 * The first kind that matches names the refusal, so the narrow ones come first.
 */
const refusedRanges = {
  'cloud metadata': ['169.254.169.254/32', 'fd00:ec2::254/128'],
  unspecified: ['0.0.0.0/8', '::/128'],
  loopback: ['127.0.0.0/8', '::1/128'],
  private: ['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16', 'fc00::/7', 'fec0::/10'],
  'link-local': ['169.254.0.0/16', 'fe80::/10'],
  'carrier-grade NAT': ['100.64.0.0/10'],
  multicast: ['224.0.0.0/4', 'ff00::/8'],
  broadcast: ['255.255.255.255/32'],
  reserved: [
    '192.0.0.0/24',
    '192.0.2.0/24',
    '198.18.0.0/15',
    '198.51.100.0/24',
    '203.0.113.0/24',
    '240.0.0.0/4',
    '::/96', // deprecated IPv4-compatible addresses
    '64:ff9b:1::/48', // local-use NAT64
    '100::/64',
    '2001::/32', // Teredo tunnels
    '2001:db8::/32',
    '2002::/16', // 6to4 tunnels
  ],
} as const satisfies Record<string, readonly string[]>;

export type AddressKind = keyof typeof refusedRanges;

/** Names that reach a cloud provider's instance metadata service. */
const metadataHostnames = new Set([
  'metadata',
  'metadata.google.internal',
  'metadata.goog',
  'instance-data',
  'instance-data.ec2.internal',
]);

const refusedLists = Object.entries(refusedRanges).map(([kind, cidrs]) => ({
  kind: kind as AddressKind,
  list: blockListOf(cidrs),
}));

export interface AddressPolicy {
  /** Why `hostname` may not be fetched from at all, or null when it may be looked up. */
  refuseHost(hostname: string): string | null;
  /** Why `address`, which `hostname` resolved to, may not be connected to, or null when it may. */
  refuseAddress(hostname: string, address: string): string | null;
}

/**
 * The fetch policy for one allow-list. Each entry is a host name, an IP address or a CIDR
 * range (`127.0.0.0/8`); an allow-listed host name may resolve to any address.
 */
export function createAddressPolicy(allowList: readonly string[]): AddressPolicy {
  const allowedHosts = new Set<string>();
  const allowedAddresses = new BlockList();
  for (const entry of allowList.map(normalizeHost).filter(Boolean)) {
    if (entry.includes('/')) addCidr(allowedAddresses, entry);
    else if (isIP(entry)) addCidr(allowedAddresses, `${entry}/${isIP(entry) === 4 ? 32 : 128}`);
    else allowedHosts.add(entry);
  }

  return {
    refuseHost(hostname) {
      const host = normalizeHost(hostname);
      if (allowedHosts.has(host) || !metadataHostnames.has(host)) return null;
      return `Host ${host} is a cloud metadata service and is not allowed; ${howToAllow}`;
    },
    refuseAddress(hostname, address) {
      const host = normalizeHost(hostname);
      if (allowedHosts.has(host) || allowedAddresses.check(address, familyOf(address))) return null;
      const kind = classifyAddress(address);
      if (kind === null) return null;
      const where = host === normalizeHost(address) ? '' : ` of host ${host}`;
      return `Address ${address}${where} is in the ${kind} range and is not allowed; ${howToAllow}`;
    },
  };
}

const howToAllow = 'add it to FETCH_ALLOW_HOSTS to permit it';

/** The kind of non-public range `address` is in, or null for a public address. */
export function classifyAddress(address: string): AddressKind | null {
  const family = familyOf(address);
  return refusedLists.find(({ list }) => list.check(address, family))?.kind ?? null;
}

function familyOf(address: string): 'ipv4' | 'ipv6' {
  const version = isIP(address);
  if (version === 0) throw new TypeError(`Not an IP address: ${address}`);
  return version === 4 ? 'ipv4' : 'ipv6';
}

/** Lower case, without IPv6 brackets or the root label's trailing dot, as URLs and DNS may give them. */
function normalizeHost(host: string): string {
  return host.trim().toLowerCase().replace(/^\[(.*)\]$/, '$1').replace(/\.$/, '');
}

function blockListOf(cidrs: readonly string[]): BlockList {
  const list = new BlockList();
  for (const cidr of cidrs) addCidr(list, cidr);
  return list;
}

/**
 * Adds a range, and for IPv4 also its NAT64 form (64:ff9b::/96), which a DNS64 resolver
 * hands out and the network translates back to the IPv4 address. IPv4-mapped IPv6
 * (::ffff:127.0.0.1) needs nothing: BlockList matches it against IPv4 ranges itself.
 */
function addCidr(list: BlockList, cidr: string): void {
  const [base, bits = ''] = cidr.split('/');
  const version = isIP(base);
  const prefix = Number(bits);
  if (version === 0 || !/^\d+$/.test(bits) || prefix > (version === 4 ? 32 : 128)) {
    throw new Error(`"${cidr}" is not an IP address range like 10.0.0.0/8 or fc00::/7`);
  }
  if (version === 6) {
    list.addSubnet(base, prefix, 'ipv6');
    return;
  }
  list.addSubnet(base, prefix, 'ipv4');
  list.addSubnet(nat64(base), 96 + prefix, 'ipv6');
}

function nat64(ipv4: string): string {
  const [a, b, c, d] = ipv4.split('.').map(Number);
  return `64:ff9b::${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
}

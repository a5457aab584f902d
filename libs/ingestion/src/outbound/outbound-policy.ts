import ipaddr from 'ipaddr.js';

/** The rule that refused an outbound request before it was made; never worth a retry. */
export class OutboundRefusedError extends Error {
  override name = 'OutboundRefusedError';
}

type Address = ipaddr.IPv4 | ipaddr.IPv6;

interface HostRule {
  host: string;
  port?: number;
}

const HOW_TO_ALLOW = ' (allow it with FETCH_ALLOWED_HOSTS)';
const DEFAULT_PORTS: Record<string, number> = { 'http:': 80, 'https:': 443 };

/**
 * Which URLs and addresses the product may fetch from. Only http(s) to public unicast addresses,
 * unless FETCH_ALLOWED_HOSTS names the host (`host` or `host:port`) or the address (`CIDR`).
 * Loopback, private, link-local (cloud metadata), unique-local, multicast, unspecified and the other
 * special ranges of ipaddr.js are refused: our own services listen on some of them.
 */
export class OutboundPolicy {
  private constructor(
    private readonly hosts: HostRule[],
    private readonly networks: Array<[Address, number]>,
  ) {}

  /** Parses FETCH_ALLOWED_HOSTS: comma-separated `host`, `host:port` or CIDR entries. */
  static parse(allowed: string): OutboundPolicy {
    const hosts: HostRule[] = [];
    const networks: Array<[Address, number]> = [];
    for (const entry of allowed.split(',').map((part) => part.trim().toLowerCase())) {
      if (entry === '') continue;
      if (entry.includes('/')) {
        networks.push(ipaddr.parseCIDR(entry));
        continue;
      }
      const bracketed = /^\[([^\]]+)\](?::(\d+))?$/.exec(entry);
      const plain = /^([^:]+)(?::(\d+))?$/.exec(entry);
      const match = bracketed ?? (ipaddr.IPv6.isValid(entry) ? [entry, entry] : plain);
      if (!match) throw new Error(`FETCH_ALLOWED_HOSTS entry "${entry}" is not host[:port] or CIDR`);
      hosts.push({ host: match[1], port: match[2] ? Number(match[2]) : undefined });
    }
    return new OutboundPolicy(hosts, networks);
  }

  /**
   * The checks that need no DNS: the scheme, and a host that is an address literal. Throws
   * OutboundRefusedError; answers whether the host is explicitly allowed (then its addresses are not
   * checked either).
   */
  checkUrl(url: URL): { explicitlyAllowed: boolean } {
    if (url.protocol !== 'http:' && url.protocol !== 'https:') {
      throw new OutboundRefusedError('only http and https URLs are fetched');
    }
    if (url.username || url.password) {
      throw new OutboundRefusedError('URLs with credentials are not fetched');
    }
    const host = url.hostname.replace(/^\[(.*)\]$/, '$1').toLowerCase();
    const port = url.port ? Number(url.port) : DEFAULT_PORTS[url.protocol];
    if (this.hosts.some((rule) => rule.host === host && (rule.port === undefined || rule.port === port))) {
      return { explicitlyAllowed: true };
    }
    const refused = ipaddr.isValid(host) ? this.refusedRange(host) : undefined;
    if (refused) throw new OutboundRefusedError(`its host is a ${refused} address${HOW_TO_ALLOW}`);
    return { explicitlyAllowed: false };
  }

  /** Throws OutboundRefusedError unless one of the addresses a host resolved to may be connected to. */
  allowedAddresses<T extends { address: string }>(addresses: T[]): T[] {
    const allowed = addresses.filter((entry) => !this.refusedRange(entry.address));
    if (allowed.length === 0 && addresses.length > 0) {
      const refused = this.refusedRange(addresses[0].address)!;
      throw new OutboundRefusedError(`its host resolves to a ${refused} address${HOW_TO_ALLOW}`);
    }
    return allowed;
  }

  /** The name of the special range an address is in, or undefined when it may be connected to. */
  private refusedRange(text: string): string | undefined {
    let address: Address = ipaddr.parse(text);
    if (address.kind() === 'ipv6' && (address as ipaddr.IPv6).isIPv4MappedAddress()) {
      address = (address as ipaddr.IPv6).toIPv4Address();
    }
    if (
      this.networks.some(
        ([network, bits]) => network.kind() === address.kind() && address.match(network, bits),
      )
    ) {
      return undefined;
    }
    const range = address.range();
    return range === 'unicast' ? undefined : (RANGE_NAMES[range] ?? range);
  }
}

const RANGE_NAMES: Record<string, string> = {
  loopback: 'loopback',
  private: 'private',
  linkLocal: 'link-local',
  uniqueLocal: 'unique-local',
  multicast: 'multicast',
  unspecified: 'unspecified',
  broadcast: 'broadcast',
  carrierGradeNat: 'carrier-grade NAT',
  reserved: 'reserved',
};

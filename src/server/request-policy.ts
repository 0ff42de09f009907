// Who may talk to the API from a browser, and what a request says of itself behind a proxy.
// Browsers attach no API key by themselves, but in open mode (no API_KEYS) any page the user
// visits could drive a local server: a foreign Origin is refused outright (not merely left
// without CORS headers), and on loopback a foreign Host is refused (DNS rebinding).
import type http from 'node:http';
import net from 'node:net';
import { isLoopbackHost, type SecurityConfig } from '../config.js';

export interface RequestView {
  /** The Host the client asked for (X-Forwarded-Host from a trusted proxy), without the port. */
  hostname: string;
  /** The origin the client addressed, e.g. http://127.0.0.1:4000. */
  origin: string;
  /** The client's address (from X-Forwarded-For when the peer is a trusted proxy). */
  clientAddress: string;
  /** Through a trusted proxy that said which host it serves. */
  forwarded: boolean;
}

export interface Refusal {
  status: number;
  message: string;
}

/**
 * Any of these marks a request a page could not send without a CORS preflight (yoga's, and the
 * Apollo clients' names, so their upload links work as they are).
 */
export const csrfHeaders = ['x-graphql-yoga-csrf', 'apollo-require-preflight', 'graphql-preflight'];

/** Headers a page on an allowed foreign origin needs; no credentials: the key is a bearer header. */
export function corsHeaders(origin: string): Record<string, string> {
  return {
    'access-control-allow-origin': origin,
    'access-control-allow-methods': 'GET, POST, OPTIONS',
    'access-control-allow-headers': ['authorization', 'content-type', 'accept', ...csrfHeaders].join(', '),
    'access-control-expose-headers': 'retry-after',
    'access-control-max-age': '600',
    vary: 'Origin',
  };
}

export class RequestPolicy {
  private readonly trusted = new net.BlockList();
  private readonly trustAny: boolean;
  private readonly publicOrigin: string | null;
  private readonly publicHostname: string | null;
  /** The front door, the GraphQL context and the WebSocket all ask of the same request. */
  private readonly views = new WeakMap<http.IncomingMessage, RequestView>();

  constructor(
    private readonly security: SecurityConfig,
    publicUrl: string | undefined,
    /** The port the server listens on, known once it does (PORT=0 picks one). */
    private readonly port: () => number,
  ) {
    this.trustAny = security.trustProxy === 'any';
    for (const entry of security.trustProxy === 'any' ? [] : security.trustProxy) {
      if (entry === 'loopback') {
        this.trusted.addSubnet('127.0.0.0', 8, 'ipv4');
        this.trusted.addAddress('::1', 'ipv6');
        continue;
      }
      const [address, bits] = entry.split('/');
      const family = net.isIPv6(address) ? 'ipv6' : 'ipv4';
      if (bits === undefined) this.trusted.addAddress(address, family);
      else this.trusted.addSubnet(address, Number(bits), family);
    }
    this.publicOrigin = publicUrl ? new URL(publicUrl).origin : null;
    this.publicHostname = publicUrl ? new URL(publicUrl).hostname.toLowerCase() : null;
  }

  view(request: http.IncomingMessage): RequestView {
    let view = this.views.get(request);
    if (!view) {
      view = this.readView(request);
      this.views.set(request, view);
    }
    return view;
  }

  private readView(request: http.IncomingMessage): RequestView {
    const peer = unmapped(request.socket.remoteAddress ?? 'unknown');
    const viaProxy = this.isTrusted(peer);
    const forwardedHost = viaProxy ? firstValue(request.headers['x-forwarded-host']) : undefined;
    const forwardedProto = viaProxy ? firstValue(request.headers['x-forwarded-proto'])?.toLowerCase() : undefined;
    const host = forwardedHost ?? request.headers.host ?? '';
    const proto = forwardedProto === 'https' ? 'https' : 'http';
    return {
      hostname: hostnameOf(host),
      origin: `${proto}://${host.toLowerCase()}`,
      clientAddress: viaProxy ? this.clientBehind(peer, request.headers['x-forwarded-for']) : peer,
      forwarded: Boolean(forwardedHost),
    };
  }

  /** Refuses a Host this server does not answer to, when it listens on loopback only. */
  refuseHost(view: RequestView): Refusal | null {
    if (!this.security.loopbackOnly) return null;
    if (isLoopbackHost(view.hostname) || view.hostname === this.publicHostname) return null;
    return {
      status: 403,
      message: `Host "${view.hostname}" is not served: this server listens on loopback and answers to localhost, 127.0.0.1 and [::1]${this.publicHostname ? ` and ${this.publicHostname} (PUBLIC_URL)` : ''}. Behind a reverse proxy, set PUBLIC_URL or TRUST_PROXY.`,
    };
  }

  /**
   * Refuses a browser request from a page on another origin unless CORS_ORIGINS allows it. A
   * request without Origin (curl, a server, a same-origin GET) is not a cross-site one.
   */
  refuseOrigin(origin: string | undefined, view: RequestView): Refusal | null {
    if (origin === undefined || this.isSameOrigin(origin, view) || this.allowsForeign(origin)) return null;
    return {
      status: 403,
      message: `Origin ${origin} may not use this API: add it to CORS_ORIGINS (only the server's own origin may without: ${this.publicOrigin ? `${this.publicOrigin}, ` : ''}localhost, 127.0.0.1 and [::1] at port ${this.port()}).`,
    };
  }

  /** CORS headers for an allowed foreign origin; none for the server's own origin or a refused one. */
  corsHeadersFor(origin: string | undefined, view: RequestView): Record<string, string> | null {
    if (origin === undefined || this.isSameOrigin(origin, view) || !this.allowsForeign(origin)) return null;
    return corsHeaders(origin);
  }

  /** The base of absolute file URLs a trusted proxy asked for, when PUBLIC_URL does not say it. */
  publicBase(view: RequestView): string | null {
    return this.publicOrigin === null && view.forwarded ? view.origin : null;
  }

  private isSameOrigin(origin: string, view: RequestView): boolean {
    const lowered = origin.toLowerCase();
    if (lowered === this.publicOrigin) return true;
    if (view.forwarded && lowered === view.origin) return true;
    const port = this.port();
    return ['localhost', '127.0.0.1', '[::1]'].some((name) => lowered === `http://${name}:${port}`);
  }

  private allowsForeign(origin: string): boolean {
    const allowed = this.security.corsOrigins;
    return allowed === '*' || allowed.includes(origin.toLowerCase());
  }

  private isTrusted(address: string): boolean {
    if (this.trustAny) return true;
    const family = net.isIPv6(address) ? 'ipv6' : 'ipv4';
    return net.isIP(address) !== 0 && this.trusted.check(address, family);
  }

  /** The nearest address in X-Forwarded-For that is not itself a trusted proxy. */
  private clientBehind(peer: string, header: string | string[] | undefined): string {
    const hops = (Array.isArray(header) ? header.join(',') : header ?? '').split(',').map((hop) => unmapped(hop.trim())).filter(Boolean);
    for (let index = hops.length - 1; index >= 0; index--) {
      if (!this.isTrusted(hops[index])) return hops[index];
    }
    return hops[0] ?? peer;
  }
}

function firstValue(header: string | string[] | undefined): string | undefined {
  const value = (Array.isArray(header) ? header[0] : header)?.split(',')[0]?.trim();
  return value || undefined;
}

/** The name of a Host header value, without its port (`[::1]` keeps its brackets). */
export function hostnameOf(host: string): string {
  const lowered = host.toLowerCase();
  if (lowered.startsWith('[')) return lowered.slice(0, lowered.indexOf(']') + 1);
  return lowered.split(':')[0];
}

/** ::ffff:127.0.0.1 (an IPv4 client on a dual-stack socket) is 127.0.0.1. */
function unmapped(address: string): string {
  return address.startsWith('::ffff:') && net.isIPv4(address.slice(7)) ? address.slice(7) : address;
}

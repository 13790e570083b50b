import { isIP } from 'node:net';
import { CapabilityFailedError, CapabilityRefusedError } from '../errors.js';
import { ADDRESS_CLASS_DESCRIPTIONS, classifyAddress } from './ipAddressClass.js';
import { LAMBDA_RUNTIME_API_ENV, lambdaRuntimeApiEndpoint, reachesEndpoint } from './lambdaRuntimeApi.js';
import { urlForLogs } from './urlForLogs.js';

const CAPABILITY = 'http.request';

/** What the SSRF guard lets through. */
export interface HttpGuardConfig {
  /** Hosts that may be called: exact (`api.example.com`) or any subdomain (`*.example.com`). Empty or absent: any public host. */
  allowedHosts?: readonly string[];
  /** Allow loopback, private, link-local, unique-local, CGNAT and other non-public addresses. Cloud metadata and credentials addresses, and the Lambda runtime API, stay refused. */
  allowPrivateNetworks?: boolean;
  /** How a refusal tells the reader to allow private networks. */
  privateNetworksHint?: string;
}

export const DEFAULT_PRIVATE_NETWORKS_HINT = 'set allowPrivateNetworks: true to allow private networks';

/** A URL that passed the static checks: its host lower-cased, without IPv6 brackets or a trailing dot. */
export interface GuardedUrl {
  url: URL;
  host: string;
  /** The host is an IP address itself, so there is nothing to resolve. */
  ipLiteral: boolean;
}

function bareHost(hostname: string): string {
  return hostname.replace(/^\[(.*)\]$/, '$1').replace(/\.$/, '').toLowerCase();
}

const HOST_PATTERN = /^(?:\*\.)?[a-z0-9_](?:[a-z0-9_-]*[a-z0-9_])?(?:\.[a-z0-9_](?:[a-z0-9_-]*[a-z0-9_])?)*$/;

/**
 * An allowlist entry in the form hosts are compared in: lower-case, no trailing dot, IP addresses
 * canonical (so `[0:0::1]` and `::1` are the same entry). Throws on anything that is neither a host
 * name, `*.` and a domain, nor an IP address.
 */
export function normalizeHostPattern(pattern: string): string {
  const host = bareHost(pattern.trim());
  if (isIP(host) !== 0) return bareHost(new URL(`http://${isIP(host) === 6 ? `[${host}]` : host}/`).hostname);
  if (!HOST_PATTERN.test(host)) {
    throw new CapabilityFailedError(CAPABILITY, `allowed host "${pattern}" is neither a host name, "*." and a domain, nor an IP address`, { retriable: false });
  }
  return host;
}

/** `*.example.com` matches any subdomain of example.com (not example.com itself); anything else matches exactly. */
export function hostMatchesPattern(host: string, pattern: string): boolean {
  const normalizedHost = bareHost(host);
  const normalizedPattern = normalizeHostPattern(pattern);
  return normalizedPattern.startsWith('*.') ? normalizedHost.endsWith(normalizedPattern.slice(1)) : normalizedHost === normalizedPattern;
}

/** Whether the allowlist lets `host` through: an empty or absent list lets every host through. */
export function isHostAllowed(host: string, allowedHosts: readonly string[] | undefined): boolean {
  return allowedHosts === undefined || allowedHosts.length === 0 || allowedHosts.some((pattern) => hostMatchesPattern(host, pattern));
}

/**
 * The checks that need no network: a parsable http(s) URL without credentials, whose host the allowlist
 * lets through. WHATWG URL parsing first, so decimal, octal and hex IPv4 forms (`http://2130706433/`,
 * `http://0x7f.1/`) arrive here as the dotted address they mean.
 */
export function checkUrl(raw: string | URL, config: HttpGuardConfig): GuardedUrl {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    // No cause: Node's ERR_INVALID_URL carries the whole input, path and query included.
    const shown = urlForLogs(raw);
    throw new CapabilityRefusedError(CAPABILITY, 'invalid-url', shown, `"${shown}" is not a valid URL`);
  }
  const host = bareHost(url.hostname);
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new CapabilityRefusedError(CAPABILITY, 'scheme', host, `only http and https URLs may be requested, not "${url.protocol}"`);
  }
  if (url.username !== '' || url.password !== '') {
    throw new CapabilityRefusedError(CAPABILITY, 'credentials', host, `credentials in the URL for ${host} are refused; send them in a header instead`);
  }
  if (!isHostAllowed(host, config.allowedHosts)) {
    throw new CapabilityRefusedError(CAPABILITY, 'not-allowlisted', host, `${host} is not one of the allowed hosts (${(config.allowedHosts ?? []).join(', ')})`);
  }
  return { url, host, ipLiteral: isIP(host) !== 0 };
}

/**
 * Refuses the host when ANY of its addresses is not public (unless private networks are allowed), is
 * a cloud metadata or credentials address (always), or, given the port, is the Lambda runtime API
 * (always: it hands out the next invocation's event); otherwise returns the addresses, which the
 * caller must connect to.
 */
export function vetAddresses(host: string, addresses: readonly string[], config: HttpGuardConfig, port?: number): readonly string[] {
  const runtimeApi = port === undefined ? undefined : lambdaRuntimeApiEndpoint();
  for (const address of addresses) {
    if (port !== undefined && runtimeApi !== undefined && reachesEndpoint(host, address, port, runtimeApi)) {
      throw new CapabilityRefusedError(CAPABILITY, 'runtime-api', host, `${host}:${port} is the Lambda runtime API (${LAMBDA_RUNTIME_API_ENV}); it is never allowed`);
    }
    const addressClass = classifyAddress(address);
    if (addressClass === 'public') continue;
    const what = address === host ? `${host} is ${ADDRESS_CLASS_DESCRIPTIONS[addressClass]}` : `${host} resolves to ${address}, ${ADDRESS_CLASS_DESCRIPTIONS[addressClass]}`;
    if (addressClass === 'cloud-metadata') {
      throw new CapabilityRefusedError(CAPABILITY, 'cloud-metadata', host, `${what}; it is never allowed`);
    }
    if (config.allowPrivateNetworks !== true) {
      throw new CapabilityRefusedError(CAPABILITY, 'non-public-address', host, `${what}; ${config.privateNetworksHint ?? DEFAULT_PRIVATE_NETWORKS_HINT}`);
    }
  }
  return addresses;
}

/** The port a guarded URL connects to: its own, or its scheme's default. */
export function portOf(url: URL): number {
  return url.port === '' ? (url.protocol === 'https:' ? 443 : 80) : Number(url.port);
}

import { isIP } from 'node:net';
import { classifyAddress, embeddedIpv4 } from './ipAddressClass.js';

/** A host (name or IP address, no brackets) and a port. */
export interface Endpoint {
  host: string;
  port: number;
}

export const LAMBDA_RUNTIME_API_ENV = 'AWS_LAMBDA_RUNTIME_API';

/**
 * The Lambda runtime API's endpoint, from `AWS_LAMBDA_RUNTIME_API` (`127.0.0.1:9001` in Lambda);
 * undefined outside Lambda or when the variable does not name a host and port.
 *
 * @example
 * lambdaRuntimeApiEndpoint({ AWS_LAMBDA_RUNTIME_API: '127.0.0.1:9001' }); // { host: '127.0.0.1', port: 9001 }
 */
export function lambdaRuntimeApiEndpoint(env: NodeJS.ProcessEnv = process.env): Endpoint | undefined {
  const value = env[LAMBDA_RUNTIME_API_ENV]?.trim();
  if (value === undefined || value === '' || !URL.canParse(`http://${value}`)) return undefined;
  const url = new URL(`http://${value}`);
  return { host: url.hostname.replace(/^\[(.*)\]$/, '$1').toLowerCase(), port: Number(url.port || '80') };
}

const LOCAL_HOST_CLASSES = new Set(['loopback', 'unspecified']);

function isLocalHost(host: string): boolean {
  return host === 'localhost' || (isIP(host) !== 0 && classifyAddress(host) === 'loopback');
}

function asIpv4(address: string): string {
  return isIP(address) === 6 ? (embeddedIpv4(address) ?? address) : address;
}

/**
 * Whether a connection to `address` on `port`, made for `host`, would reach the endpoint. A loopback
 * endpoint is reached from any loopback address and from the unspecified one (`0.0.0.0`, `::`), which
 * Linux connects to the local host; IPv6 forms that carry an IPv4 address count as that address.
 */
export function reachesEndpoint(host: string, address: string, port: number, endpoint: Endpoint): boolean {
  if (port !== endpoint.port) return false;
  if (host === endpoint.host) return true;
  if (isLocalHost(endpoint.host)) return LOCAL_HOST_CLASSES.has(classifyAddress(address));
  return isIP(endpoint.host) !== 0 && asIpv4(address) === asIpv4(endpoint.host);
}

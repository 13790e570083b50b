import type { Refusal } from './refusal.js';

/** Always answered: the loopback names a browser on this machine uses. */
export const LOOPBACK_NAMES = ['127.0.0.1', 'localhost', '[::1]'] as const;

/** Addresses that mean "every interface": no client ever sends them as its Host. */
const WILDCARDS = new Set(['0.0.0.0', '::', '[::]']);

/**
 * `name:port` for a Host header or an origin's host, lower-cased, with HTTP's default port 80 made explicit;
 * an IPv6 address keeps its brackets. `undefined` for text that is not a host.
 *
 * @example
 * normalizeHost('LocalHost:8000'); // 'localhost:8000'
 * normalizeHost('[::1]'); // '[::1]:80'
 */
export function normalizeHost(text: string): string | undefined {
  const match = /^(\[[0-9a-f:.]+\]|[a-z0-9._-]+)(?::(\d{1,5}))?$/.exec(text.trim().toLowerCase());
  if (!match) return undefined;
  return `${match[1]}:${Number(match[2] ?? 80)}`;
}

export interface AllowedHostsOptions {
  /** The address the server listens on (SYNTOR_HARNESS_HOST). */
  readonly host: string;
  /** The port actually bound. */
  readonly port: number;
  /** SYNTOR_HARNESS_ALLOWED_HOSTS: a name answered on `port`, or `name:port` exactly. */
  readonly extra?: readonly string[];
}

/**
 * The Host values the server answers: loopback, the listen address unless it is a wildcard, and the extra
 * entries. Anything else is what DNS rebinding looks like: a page on `evil.example` whose name now
 * resolves to 127.0.0.1 sends `Host: evil.example:<port>`.
 *
 * @example
 * allowedHosts({ host: '127.0.0.1', port: 8000, extra: ['syntor.internal'] });
 * // Set { '127.0.0.1:8000', 'localhost:8000', '[::1]:8000', 'syntor.internal:8000' }
 */
export function allowedHosts(options: AllowedHostsOptions): ReadonlySet<string> {
  const listen = bracketed(options.host);
  const names = [...LOOPBACK_NAMES, ...(WILDCARDS.has(listen) ? [] : [listen]), ...(options.extra ?? []).map(bracketed)];
  const allowed = new Set<string>();
  for (const name of names) {
    const host = normalizeHost(/^(\[[^\]]+\]|[^:[\]]+):\d{1,5}$/.test(name) ? name : `${name}:${options.port}`);
    if (host) allowed.add(host);
  }
  return allowed;
}

/** `::1` as a Host header writes it, `[::1]`; names and IPv4 addresses stay as they are. */
function bracketed(name: string): string {
  return (name.match(/:/g)?.length ?? 0) > 1 && !name.startsWith('[') ? `[${name}]` : name;
}

/** A refusal for a Host header outside `allowed` (421 Misdirected Request), naming it and the way to allow it. */
export function checkHost(hostHeader: string | undefined, allowed: ReadonlySet<string>): Refusal | undefined {
  const host = hostHeader === undefined ? undefined : normalizeHost(hostHeader);
  if (host && allowed.has(host)) return undefined;
  return {
    statusCode: 421,
    code: 'host-not-allowed',
    message:
      `This server does not answer for Host "${hostHeader ?? ''}"; it answers ${[...allowed].join(', ')}. ` +
      'To reach it under another name, add that name to SYNTOR_HARNESS_ALLOWED_HOSTS (comma list, name or name:port).',
  };
}

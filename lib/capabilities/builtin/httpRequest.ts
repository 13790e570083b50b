import { lookup as dnsLookup } from 'node:dns/promises';
import type { IncomingHttpHeaders } from 'node:http';
import { defineCapability } from '../defineCapability.js';
import { CapabilityFailedError, CapabilityRefusedError } from '../errors.js';
import type { Capability, CapabilityContext } from '../types.js';
import { exchange, type ExchangeResponse } from './httpExchange.js';
import { httpGuardConfigFromEnv } from './httpGuardConfigFromEnv.js';
import { followRedirect, REDIRECT_STATUSES, type HopRequest } from './httpRedirect.js';
import {
  encodeRequestBody,
  httpRequestInputSchema,
  httpRequestOutputSchema,
  type HttpRequestInput,
  type HttpRequestOutput,
} from './httpRequestSchema.js';
import { redactHeaders } from './redactHeaders.js';
import { encodeResponseBody } from './responseBody.js';
import { checkUrl, portOf, vetAddresses, type HttpGuardConfig } from './ssrfGuard.js';
import { urlForLogs } from './urlForLogs.js';

const CAPABILITY = 'http.request';
const USER_AGENT = 'syntor-http-request/1';

/** Resolves a host name to all its addresses, as `dns.lookup(host, { all: true })` does. */
export type HostLookup = (hostname: string) => Promise<ReadonlyArray<{ address: string }>>;

export interface HttpRequestCapabilityConfig extends HttpGuardConfig {
  /** Replaces DNS (tests, custom resolvers); the addresses it returns are vetted like any others. */
  lookup?: HostLookup;
}

const systemLookup: HostLookup = (hostname) => dnsLookup(hostname, { all: true, verbatim: true });

const NOT_FOUND_CODES = new Set(['ENOTFOUND', 'ENODATA']);

function whenAborted(signal: AbortSignal): Promise<never> {
  return new Promise((_resolve, reject) => {
    if (signal.aborted) reject(signal.reason);
    else signal.addEventListener('abort', () => reject(signal.reason), { once: true });
  });
}

// DNS is raced against the request's deadline and the attempt's signal: getaddrinfo itself cannot be cancelled.
async function resolveHost(host: string, lookup: HostLookup, signal: AbortSignal, timeoutMs: number): Promise<string[]> {
  const deadline = AbortSignal.any([signal, AbortSignal.timeout(timeoutMs)]);
  let results: ReadonlyArray<{ address: string }>;
  try {
    results = await Promise.race([lookup(host), whenAborted(deadline)]);
  } catch (error) {
    if (deadline.aborted) {
      const why = signal.aborted ? "the attempt's time is up" : `no answer within ${timeoutMs} ms (timeoutMs)`;
      throw new CapabilityFailedError(CAPABILITY, `could not resolve ${host}: ${why}`, { cause: error });
    }
    const code = (error as { code?: unknown }).code;
    const notFound = typeof code === 'string' && NOT_FOUND_CODES.has(code);
    throw new CapabilityFailedError(CAPABILITY, notFound ? `${host} does not resolve` : `could not resolve ${host}: ${String(code ?? error)}`, {
      retriable: !notFound,
      cause: error,
    });
  }
  if (results.length === 0) throw new CapabilityFailedError(CAPABILITY, `${host} does not resolve`, { retriable: false });
  return results.map((result) => result.address);
}

function requestHeaders(input: HttpRequestInput, body: Buffer | undefined): Record<string, string> {
  const headers: Record<string, string> = { 'user-agent': USER_AGENT };
  for (const [name, value] of Object.entries(input.headers)) headers[name.toLowerCase()] = value;
  if (body !== undefined && headers['content-type'] === undefined) {
    headers['content-type'] = typeof input.body === 'string' ? 'text/plain; charset=utf-8' : 'application/json';
  }
  return headers;
}

function responseHeaders(headers: IncomingHttpHeaders): Record<string, string | string[]> {
  const present: Record<string, string | string[]> = {};
  for (const [name, value] of Object.entries(headers)) if (value !== undefined) present[name] = value;
  return redactHeaders(present);
}

function toOutput(hop: HopRequest, response: ExchangeResponse, redirects: number): HttpRequestOutput {
  const contentEncoding = response.headers['content-encoding'];
  return {
    status: response.status,
    statusText: response.statusText,
    headers: responseHeaders(response.headers),
    ...encodeResponseBody(response.body, response.headers['content-type'], contentEncoding),
    truncated: false,
    url: hop.url.href,
    redirects,
  };
}

async function send(input: HttpRequestInput, config: HttpRequestCapabilityConfig, ctx: CapabilityContext): Promise<HttpRequestOutput> {
  const deadline = Date.now() + input.timeoutMs;
  const body = input.body === undefined ? undefined : encodeRequestBody(input.body);
  let guarded = checkUrl(input.url, config);
  let hop: HopRequest = { url: guarded.url, method: input.method, headers: requestHeaders(input, body), ...(body && { body }) };

  for (let redirects = 0; ; redirects++) {
    const resolved = guarded.ipLiteral ? [guarded.host] : await resolveHost(guarded.host, config.lookup ?? systemLookup, ctx.signal, Math.max(1, deadline - Date.now()));
    const addresses = vetAddresses(guarded.host, resolved, config, portOf(guarded.url));
    const started = Date.now();
    const response = await exchange({
      url: hop.url,
      method: hop.method,
      headers: hop.headers,
      ...(hop.body && { body: hop.body }),
      addresses,
      timeoutMs: Math.max(1, deadline - started),
      configuredTimeoutMs: input.timeoutMs,
      maxResponseBytes: input.maxResponseBytes,
      signal: ctx.signal,
    });
    ctx.log.info('http.request', {
      method: hop.method,
      url: urlForLogs(hop.url),
      addresses,
      headers: redactHeaders(hop.headers),
      status: response.status,
      bytes: response.body.length,
      durationMs: Date.now() - started,
    });

    const location = response.headers.location;
    if (input.followRedirects === 0 || !REDIRECT_STATUSES.has(response.status) || location === undefined) {
      return toOutput(hop, response, redirects);
    }
    if (redirects === input.followRedirects) {
      throw new CapabilityFailedError(CAPABILITY, `more than ${input.followRedirects} redirects (followRedirects); the last from ${hop.url.host}`, {
        retriable: false,
      });
    }
    hop = followRedirect(hop, response.status, location);
    guarded = checkUrl(hop.url, config);
  }
}

/**
 * `http.request` with its own SSRF guard configuration; a function is called at each request, so
 * configuration read from the environment takes effect without a restart.
 *
 * @example
 * const internalHttp = createHttpRequestCapability({ allowedHosts: ['*.internal.example.com'], allowPrivateNetworks: true });
 */
export function createHttpRequestCapability(
  config: HttpRequestCapabilityConfig | (() => HttpRequestCapabilityConfig) = {},
): Capability<HttpRequestInput, HttpRequestOutput> {
  return defineCapability<HttpRequestInput, HttpRequestOutput>({
    name: CAPABILITY,
    description: 'Outbound HTTP(S) with a timeout, a response size cap and an SSRF guard (allowlisted hosts; private networks refused unless allowed).',
    input: httpRequestInputSchema,
    output: httpRequestOutputSchema,
    async run(input, ctx) {
      const current = typeof config === 'function' ? config() : config;
      try {
        return await send(input, current, ctx);
      } catch (error) {
        if (error instanceof CapabilityRefusedError) ctx.log.warn('http.request refused', { host: error.host, reason: error.reason });
        throw error;
      }
    },
  });
}

/**
 * The built-in `http.request`, guarded by `SYNTOR_HTTP_ALLOWED_HOSTS` and `SYNTOR_HTTP_ALLOW_PRIVATE`
 * as they are when each request is made.
 *
 * @example
 * { url: 'https://api.example.com/items', method: 'POST', body: { name: 'x' }, timeoutMs: 5000 }
 * → { status: 201, statusText: 'Created', headers: {…}, body: '{"id":1}', bodyEncoding: 'text', truncated: false, url: '…', redirects: 0 }
 */
export const httpRequest = createHttpRequestCapability(httpGuardConfigFromEnv);

import type { LookupAddress } from 'node:dns';
import http, { type IncomingHttpHeaders } from 'node:http';
import https from 'node:https';
import { isIP, type LookupFunction } from 'node:net';
import { CapabilityFailedError } from '../errors.js';

const CAPABILITY = 'http.request';

export interface ExchangeRequest {
  url: URL;
  method: string;
  headers: Record<string, string>;
  body?: Buffer;
  /** The vetted addresses of the URL's host: the only ones the connection may use. */
  addresses: readonly string[];
  /** What is left of the request's time budget (the DNS lookup may have used some). */
  timeoutMs: number;
  /** The caller's `timeoutMs`, named in the error: the budget left is an implementation detail. */
  configuredTimeoutMs: number;
  maxResponseBytes: number;
  /** The attempt's signal: aborting it stops the exchange. */
  signal: AbortSignal;
}

export interface ExchangeResponse {
  status: number;
  statusText: string;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

/**
 * A `lookup` for `http.request` that answers with the vetted addresses and never asks DNS again, so a
 * rebinding between the guard's check and the connection cannot switch the target. Node passes
 * `all: true` when it races address families (autoSelectFamily), and expects one address otherwise.
 */
export function pinnedLookup(addresses: readonly string[]): LookupFunction {
  const entries: LookupAddress[] = addresses.map((address) => ({ address, family: isIP(address) }));
  return (_hostname, options, callback) => {
    const wanted = options.family === 4 || options.family === 6 ? entries.filter((entry) => entry.family === options.family) : entries;
    const first = wanted[0];
    if (first === undefined) {
      callback(Object.assign(new Error(`no vetted IPv${String(options.family)} address`), { code: 'ENOTFOUND' }), '', 0);
    } else if (options.all === true) {
      callback(null, wanted);
    } else {
      callback(null, first.address, first.family);
    }
  };
}

function tooLarge(host: string, limit: number): CapabilityFailedError {
  return new CapabilityFailedError(CAPABILITY, `the response from ${host} is larger than maxResponseBytes (${limit} bytes)`, { retriable: false });
}

function failureOf(error: unknown, request: ExchangeRequest, timeout: AbortSignal): unknown {
  if (error instanceof CapabilityFailedError) return error;
  const host = request.url.host;
  if (request.signal.aborted) {
    return new CapabilityFailedError(CAPABILITY, `request to ${host} stopped: the attempt's time is up`, { cause: error });
  }
  if (timeout.aborted) {
    return new CapabilityFailedError(CAPABILITY, `no complete response from ${host} within ${request.configuredTimeoutMs} ms (timeoutMs)`, { cause: error });
  }
  const message = error instanceof Error ? error.message : String(error);
  return new CapabilityFailedError(CAPABILITY, `request to ${host} failed: ${message}`, { cause: error });
}

/**
 * One HTTP request and its whole response, on a fresh connection to a vetted address. The URL's host
 * stays the request's host, so Node sends it in the Host header and as the TLS server name (SNI) and
 * checks the certificate against it. No pooled agent: a kept-alive socket could have been opened
 * under another guard configuration. No redirect is followed here.
 */
export function exchange(request: ExchangeRequest): Promise<ExchangeResponse> {
  const timeout = AbortSignal.timeout(request.timeoutMs);
  const signal = AbortSignal.any([request.signal, timeout]);
  const transport = request.url.protocol === 'https:' ? https : http;

  return new Promise<ExchangeResponse>((resolve, reject) => {
    let settled = false;
    const fail = (error: unknown) => {
      if (settled) return;
      settled = true;
      outgoing.destroy();
      reject(failureOf(error, request, timeout));
    };

    const outgoing = transport.request(request.url, {
      method: request.method,
      headers: request.headers,
      lookup: pinnedLookup(request.addresses),
      agent: false,
      signal,
    });
    outgoing.on('error', fail);
    outgoing.on('response', (incoming) => {
      const declared = Number(incoming.headers['content-length']);
      if (Number.isFinite(declared) && declared > request.maxResponseBytes) {
        fail(tooLarge(request.url.host, request.maxResponseBytes));
        return;
      }
      const chunks: Buffer[] = [];
      let received = 0;
      incoming.on('data', (chunk: Buffer) => {
        received += chunk.length;
        if (received > request.maxResponseBytes) fail(tooLarge(request.url.host, request.maxResponseBytes));
        else chunks.push(chunk);
      });
      incoming.on('error', fail);
      incoming.on('close', () => {
        if (!incoming.complete) fail(new Error('the connection closed before the response was complete'));
      });
      incoming.on('end', () => {
        if (settled) return;
        settled = true;
        resolve({
          status: incoming.statusCode ?? 0,
          statusText: incoming.statusMessage ?? '',
          headers: incoming.headers,
          body: Buffer.concat(chunks),
        });
      });
    });
    outgoing.end(request.body);
  });
}

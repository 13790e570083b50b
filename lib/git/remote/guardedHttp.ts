import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { GitHttpRequest, GitHttpResponse, HttpClient } from 'isomorphic-git';
import { pinnedLookup } from '../../capabilities/builtin/httpExchange.js';
import { getConfig } from '../../config/index.js';
import type { GitLimits } from '../../config/types.js';
import { GitError, GitTimeoutError, GitTransferTooLargeError, GitUrlError } from '../errors.js';
import type { CheckedRepositoryUrl } from './checkRepositoryUrl.js';
import { countedBody } from './countedBody.js';
import { createUploadPackScanner } from './uploadPackScanner.js';

/** The limits the transport enforces; the checkout limits are the operations'. */
export type TransferLimits = Pick<GitLimits, 'transferBytes' | 'timeoutMs' | 'idleTimeoutMs' | 'blobBytes' | 'unpackedBytes'>;

const failures = new WeakMap<HttpClient, GitError>();

/**
 * The limit a client stopped its operation on, if it did. Asked by the operation because isomorphic-git
 * turns a body that fails while it reads it into an "empty" or "not a git" response error.
 */
export function transportFailure(http: HttpClient): GitError | undefined {
  return failures.get(http);
}

async function collect(body: GitHttpRequest['body']): Promise<Buffer | undefined> {
  if (!body) return undefined;
  const chunks: Uint8Array[] = [];
  for await (const chunk of body) chunks.push(chunk);
  return Buffer.concat(chunks);
}

function flatHeaders(message: IncomingMessage): Record<string, string> {
  return Object.fromEntries(Object.entries(message.headers).map(([name, value]) => [name, Array.isArray(value) ? value.join(', ') : (value ?? '')]));
}

/**
 * The HTTP transport isomorphic-git clones, fetches and pushes through. Written here rather than using
 * `isomorphic-git/http/node` because that one resolves host names itself and follows redirects, so
 * neither the SSRF guard's vetted addresses nor its host check would hold: this one connects only to
 * the addresses `checkRepositoryUrl` vetted, only for that origin, never follows a redirect, and stops
 * when `signal` is aborted.
 *
 * One client serves one operation, and bounds it (issue 13, finding 5): all its responses together
 * may carry `transferBytes` (counted as they stream, so a small pack cannot hide a huge download), it
 * may talk to the remote for `timeoutMs` in all, and a remote silent for `idleTimeoutMs` is given up;
 * without the total, a server trickling a byte just inside the idle timeout held an operation forever.
 * The pack in an upload-pack response is read as it streams, and refused at the first object over
 * `blobBytes` or once its objects pass `unpackedBytes` in all, before isomorphic-git writes or inflates
 * it (a 436 KiB pack of a 64 MiB blob had cost 258 MiB of memory and 65 MiB of disk).
 */
export function guardedHttp(remote: CheckedRepositoryUrl, signal?: AbortSignal, limits: TransferLimits = getConfig().git.limits): HttpClient {
  const origin = new URL(remote.url).origin;
  const lookup = pinnedLookup(remote.addresses);
  const deadline = Date.now() + limits.timeoutMs;
  const tooSlow = () => new GitTimeoutError(remote.host, `the transfers took longer than ${limits.timeoutMs} ms (SYNTOR_GIT_TIMEOUT_MS)`, limits.timeoutMs);
  const silent = () => new GitTimeoutError(remote.host, `sent nothing for ${limits.idleTimeoutMs} ms (SYNTOR_GIT_IDLE_TIMEOUT_MS)`, limits.idleTimeoutMs);
  let received = 0;
  const client: HttpClient = { request };
  const failed = <E extends GitError>(error: E): E => {
    if (!failures.has(client)) failures.set(client, error);
    return error;
  };
  const count = (chunk: Uint8Array) => {
    received += chunk.byteLength;
    if (received > limits.transferBytes) throw failed(new GitTransferTooLargeError(remote.host, limits.transferBytes));
  };
  const scanned = (scan: (chunk: Uint8Array) => void) => (chunk: Uint8Array) => {
    count(chunk);
    try {
      scan(chunk);
    } catch (error) {
      throw error instanceof GitError ? failed(error) : error;
    }
  };
  return client;

  async function request(req: GitHttpRequest): Promise<GitHttpResponse> {
    const url = new URL(req.url);
    if (url.origin !== origin) throw new GitUrlError(`the transfer asked for ${url.host}, which is not the repository's host ${remote.host}`);
    signal?.throwIfAborted();
    if (Date.now() >= deadline) throw failed(tooSlow());
    const body = await collect(req.body);
    const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
    let response: IncomingMessage | undefined;
    let stop = (_error: Error) => {};
    const overall = setTimeout(() => stop(failed(tooSlow())), Math.max(0, deadline - Date.now()));
    overall.unref();
    try {
      response = await new Promise<IncomingMessage>((resolve, reject) => {
        const outgoing = send(url, { method: req.method ?? 'GET', headers: req.headers ?? {}, lookup, timeout: limits.idleTimeoutMs, ...(signal ? { signal } : {}) }, resolve);
        // The response stream, once there is one, is what the caller reads: the error must surface there.
        stop = (error) => (response ? response.destroy(error) : outgoing.destroy(error));
        outgoing.on('timeout', () => stop(failed(silent())));
        outgoing.on('error', reject);
        outgoing.end(body);
      });
    } catch (error) {
      clearTimeout(overall);
      throw error;
    }
    const status = response.statusCode ?? 0;
    if (status >= 300 && status < 400) {
      clearTimeout(overall);
      response.resume();
      throw new GitUrlError(`${remote.host} redirects to ${response.headers.location ?? 'another address'}; use the final repository URL`);
    }
    const stream = response;
    // Only upload-pack results carry a pack: receive-pack's side-band channel 1 carries its report.
    const inspect = url.pathname.endsWith('/git-upload-pack') ? scanned(createUploadPackScanner(remote.host, limits)) : count;
    return {
      url: req.url,
      method: req.method ?? 'GET',
      statusCode: status,
      statusMessage: response.statusMessage ?? '',
      headers: flatHeaders(response),
      body: countedBody(stream, inspect, () => clearTimeout(overall)),
    };
  }
}

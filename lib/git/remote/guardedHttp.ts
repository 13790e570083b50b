import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { GitHttpRequest, GitHttpResponse, HttpClient } from 'isomorphic-git';
import { pinnedLookup } from '../../capabilities/builtin/httpExchange.js';
import { GitError, GIT_ERROR_CODES, GitUrlError } from '../errors.js';
import type { CheckedRepositoryUrl } from './checkRepositoryUrl.js';

/** A git HTTP exchange that sends no byte for this long is given up. */
const IDLE_TIMEOUT_MS = 60_000;

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
 */
export function guardedHttp(remote: CheckedRepositoryUrl, signal?: AbortSignal): HttpClient {
  const origin = new URL(remote.url).origin;
  const lookup = pinnedLookup(remote.addresses);
  return {
    async request(req: GitHttpRequest): Promise<GitHttpResponse> {
      const url = new URL(req.url);
      if (url.origin !== origin) throw new GitUrlError(`the transfer asked for ${url.host}, which is not the repository's host ${remote.host}`);
      signal?.throwIfAborted();
      const body = await collect(req.body);
      const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
      const response = await new Promise<IncomingMessage>((resolve, reject) => {
        const outgoing = send(url, { method: req.method ?? 'GET', headers: req.headers ?? {}, lookup, timeout: IDLE_TIMEOUT_MS, ...(signal ? { signal } : {}) }, resolve);
        outgoing.on('timeout', () => outgoing.destroy(new GitError(GIT_ERROR_CODES.network, `${remote.host} sent nothing for ${IDLE_TIMEOUT_MS / 1000} s`, { retriable: true })));
        outgoing.on('error', reject);
        outgoing.end(body);
      });
      const status = response.statusCode ?? 0;
      if (status >= 300 && status < 400) {
        response.resume();
        throw new GitUrlError(`${remote.host} redirects to ${response.headers.location ?? 'another address'}; use the final repository URL`);
      }
      return {
        url: req.url,
        method: req.method ?? 'GET',
        statusCode: status,
        statusMessage: response.statusMessage ?? '',
        headers: flatHeaders(response),
        body: response[Symbol.asyncIterator]() as AsyncIterableIterator<Uint8Array>,
      };
    },
  };
}

import { lookup } from 'node:dns/promises';
import { CapabilityRefusedError } from '../../capabilities/errors.js';
import { httpGuardConfigFromEnv } from '../../capabilities/builtin/httpGuardConfigFromEnv.js';
import { checkUrl, portOf, vetAddresses, type HttpGuardConfig } from '../../capabilities/builtin/ssrfGuard.js';
import { GitNetworkError, GitUrlError } from '../errors.js';

/** A repository URL that passed the SSRF guard, with the addresses the connection must use. */
export interface CheckedRepositoryUrl {
  url: string;
  host: string;
  addresses: readonly string[];
}

export type HostLookup = (host: string) => Promise<readonly string[]>;

const systemLookup: HostLookup = async (host) => (await lookup(host, { all: true, verbatim: true })).map((entry) => entry.address);

/**
 * Checks a repository URL as `http.request` checks its URLs (http or https only, no credentials in it,
 * the host allowed by `SYNTOR_HTTP_ALLOWED_HOSTS`, every address public unless
 * `SYNTOR_HTTP_ALLOW_PRIVATE=true`) and resolves it once, so the connection goes to a vetted address.
 * Errors never echo the URL's user-info, where a token would be.
 */
export async function checkRepositoryUrl(raw: string, config: HttpGuardConfig = httpGuardConfigFromEnv(), resolveHost: HostLookup = systemLookup): Promise<CheckedRepositoryUrl> {
  let url: URL;
  try {
    url = new URL(raw);
  } catch (error) {
    throw new GitUrlError('url is not a valid absolute URL (expected https://host/owner/repo.git)', { cause: error });
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new GitUrlError(`only http and https repository URLs are supported, not "${url.protocol}" (ssh and file URLs are refused)`);
  }
  if (url.username !== '' || url.password !== '') {
    throw new GitUrlError(`credentials in the URL for ${url.host} are refused; pass the token as "token" or configure SYNTOR_GIT_TOKEN`);
  }
  url.hash = '';
  try {
    const guarded = checkUrl(url, config);
    const addresses = guarded.ipLiteral ? [guarded.host] : await resolveAll(guarded.host, resolveHost);
    return { url: url.toString(), host: url.host, addresses: vetAddresses(guarded.host, addresses, config, portOf(guarded.url)) };
  } catch (error) {
    if (error instanceof CapabilityRefusedError) throw new GitUrlError(error.fields[0]?.message ?? error.message, { cause: error });
    throw error;
  }
}

async function resolveAll(host: string, resolveHost: HostLookup): Promise<readonly string[]> {
  try {
    return await resolveHost(host);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOTFOUND' || code === 'ENODATA') throw new GitUrlError(`the host ${host} does not exist`, { cause: error });
    throw new GitNetworkError(host, `its name could not be resolved (${code ?? 'lookup failed'})`, { cause: error });
  }
}

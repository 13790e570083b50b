import type { AuthCallback, AuthFailureCallback, HttpClient } from 'isomorphic-git';
import { resolveToken, type RemoteAuth } from '../credentials/resolveToken.js';
import { checkRepositoryUrl } from '../remote/checkRepositoryUrl.js';
import { guardedHttp } from '../remote/guardedHttp.js';

/** The user name sent with a token: what GitHub, Gitea and GitLab accept with a personal access token. */
export const TOKEN_USERNAME = 'x-access-token';

/** What isomorphic-git needs to talk to one remote, and what a failure message must not contain. */
export interface RemoteAccess {
  url: string;
  host: string;
  http: HttpClient;
  onAuth?: AuthCallback;
  onAuthFailure?: AuthFailureCallback;
  secrets: readonly (string | undefined)[];
  username: string;
}

/**
 * Checks the URL (SSRF guard), picks the token and wires both into isomorphic-git: the token travels
 * only through `onAuth` (as HTTP Basic), never in a URL, and a refused token is not offered again.
 */
export async function remoteAccess(rawUrl: string, auth: RemoteAuth, signal?: AbortSignal): Promise<RemoteAccess> {
  const remote = await checkRepositoryUrl(rawUrl);
  const chosen = await resolveToken(remote.host, auth);
  const given = typeof auth === 'string' ? auth : auth?.token;
  const access: RemoteAccess = { url: remote.url, host: remote.host, http: guardedHttp(remote, signal), secrets: [chosen, given], username: TOKEN_USERNAME };
  if (chosen === undefined) return access;
  return {
    ...access,
    onAuth: () => ({ username: TOKEN_USERNAME, password: chosen }),
    onAuthFailure: () => ({ cancel: true }),
  };
}

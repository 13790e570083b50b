import { resolveToken, type GitCredentialSettings } from './resolveToken.js';

/**
 * The token of the named credential for a repository URL's host, for callers that pass a token on
 * (a clone). `undefined` without a name, or for a URL that does not parse (the URL guard refuses it).
 *
 * @example
 * const token = await credentialTokenForUrl(input.credential, input.url);
 */
export async function credentialTokenForUrl(credential: string | undefined, url: string, settings?: GitCredentialSettings): Promise<string | undefined> {
  if (credential === undefined || !URL.canParse(url)) return undefined;
  return resolveToken(new URL(url).host, { credential }, settings);
}

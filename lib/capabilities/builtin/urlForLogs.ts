// Scheme, then everything up to the first path, query or fragment delimiter: the authority.
const AUTHORITY = /^((?:[a-z][a-z0-9+.-]*:)?\/\/)?([^/?#\\]*)/i;

/**
 * A URL as logs and error messages may show it: scheme, host and port only. Webhook URLs carry their
 * secret in the path or the query (`https://hooks.slack.com/services/T0/B0/s3cr3t`), and user info is a
 * password, so all of them are left out. A string that does not parse keeps only what looks like its
 * authority, never its user info.
 *
 * @example
 * urlForLogs('https://hooks.example.com:8443/services/s3cr3t?token=t'); // 'https://hooks.example.com:8443'
 * urlForLogs('not a url/with/a/path');                                   // 'not a url'
 */
export function urlForLogs(url: string | URL): string {
  if (url instanceof URL || URL.canParse(url)) {
    const parsed = new URL(url);
    if (parsed.host !== '') return `${parsed.protocol}//${parsed.host}`;
    return parsed.protocol;
  }
  const [, scheme = '', authority = ''] = AUTHORITY.exec(url) ?? [];
  return `${scheme}${authority.replace(/^.*@/, '')}`;
}

import { REDACTED } from '../../observability/constants.js';

/**
 * `text` with every occurrence of each secret replaced, in the forms a git library or server could
 * echo it: as is, URL-encoded, and inside HTTP Basic credentials (base64 of `user:secret`).
 */
export function scrubSecrets(text: string, secrets: readonly (string | undefined)[], username = ''): string {
  let scrubbed = text;
  for (const secret of secrets) {
    if (secret === undefined || secret === '') continue;
    const forms = new Set([secret, encodeURIComponent(secret), Buffer.from(`${username}:${secret}`).toString('base64'), Buffer.from(secret).toString('base64')]);
    for (const form of forms) scrubbed = scrubbed.split(form).join(REDACTED);
  }
  return scrubbed;
}

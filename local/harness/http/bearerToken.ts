import { createHash, timingSafeEqual } from 'node:crypto';
import type { Refusal } from './refusal.js';

/**
 * A refusal (401) unless `authorization` is `Bearer <token>`. Both sides are hashed first, so the compare
 * takes the same time whatever the length or the first differing byte of what was sent.
 *
 * @example
 * checkBearerToken('Bearer s3cret-s3cret-s3cret', 's3cret-s3cret-s3cret'); // undefined
 * checkBearerToken(undefined, 's3cret-s3cret-s3cret'); // 401 token-required
 */
export function checkBearerToken(authorization: string | undefined, token: string): Refusal | undefined {
  const sent = /^Bearer[ ]+(\S+)\s*$/i.exec(authorization ?? '')?.[1] ?? '';
  if (timingSafeEqual(digest(sent), digest(token)) && sent !== '') return undefined;
  return {
    statusCode: 401,
    code: 'token-required',
    message: `${authorization === undefined ? 'No' : 'A wrong'} bearer token: this API wants "Authorization: Bearer <SYNTOR_API_TOKEN>".`,
    headers: { 'www-authenticate': 'Bearer realm="syntor"' },
  };
}

function digest(text: string): Buffer {
  return createHash('sha256').update(text).digest();
}

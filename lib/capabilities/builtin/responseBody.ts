export type BodyEncoding = 'text' | 'base64';

const TEXTUAL_TYPE = /^(?:text\/[^;]+|application\/(?:[\w.-]+\+)?(?:json|xml)|application\/(?:javascript|ecmascript|x-www-form-urlencoded|graphql|yaml|x-yaml|toml|csv)|image\/svg\+xml)\s*(?:;|$)/i;

function charsetOf(contentType: string): string {
  return /;\s*charset="?([^";\s]+)"?/i.exec(contentType)?.[1] ?? 'utf-8';
}

function decodeStrictly(body: Buffer, charset: string): string | undefined {
  try {
    return new TextDecoder(charset, { fatal: true }).decode(body);
  } catch {
    return undefined;
  }
}

/**
 * The body as text when the content type is textual, unencoded (no gzip…), and its bytes decode
 * cleanly in the declared charset; otherwise base64, so binary content survives JSON intact.
 */
export function encodeResponseBody(
  body: Buffer,
  contentType: string | undefined,
  contentEncoding: string | undefined,
): { body: string; bodyEncoding: BodyEncoding } {
  const compressed = contentEncoding !== undefined && contentEncoding.trim().toLowerCase() !== 'identity';
  if (contentType !== undefined && !compressed && TEXTUAL_TYPE.test(contentType)) {
    const text = decodeStrictly(body, charsetOf(contentType));
    if (text !== undefined) return { body: text, bodyEncoding: 'text' };
  }
  return { body: body.toString('base64'), bodyEncoding: 'base64' };
}

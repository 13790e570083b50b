import { TEXT_CONTENT_TYPES } from './constants.js';

/**
 * Whether an HTTP API hands a request body of this type to Lambda as text. AWS documents only that binary
 * bodies are base64-encoded; the split below (text/*, JSON, XML, JavaScript as text; everything else,
 * form posts and a missing content-type included, base64) was verified against AWS in
 * https://github.com/ministackorg/ministack/pull/766.
 */
export function isTextContentType(contentType: string | undefined): boolean {
  const mediaType = contentType?.split(';')[0]?.trim().toLowerCase();
  if (!mediaType) return false;
  return mediaType.startsWith('text/') || (TEXT_CONTENT_TYPES as readonly string[]).includes(mediaType);
}

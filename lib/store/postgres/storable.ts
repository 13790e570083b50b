/**
 * PostgreSQL refuses U+0000 in `text` (22021) and in `jsonb` (22P05, even as the JSON escape \u0000),
 * and a lone UTF-16 surrogate in `jsonb` (22P02): one such character would make a whole set-based
 * statement fail, every time it is retried. Values crossing into the store are made storable by
 * replacing each with its escape written out as visible text — NUL becomes the six characters
 * `\u0000`, a lone surrogate `\ud800` — so a person reading the result sees what was there, and
 * every other character is kept as it was. (Chosen over carrying bodies as base64: results stay
 * queryable JSON.)
 */
// eslint-disable-next-line no-control-regex
const UNSTORABLE = /\u0000|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

const escapeChar = (char: string) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`;

/** A string PostgreSQL will store: NUL and lone surrogates written out as `\uXXXX` text. */
export function storableText(text: string): string {
  return text.replace(UNSTORABLE, escapeChar);
}

/** The same for `text` values that may be absent. */
export function storableTextOrNull(text: string | null | undefined): string | null {
  return text === null || text === undefined ? null : storableText(text);
}

const hasUnstorable = (text: string) => text.search(UNSTORABLE) !== -1;

/**
 * `JSON.stringify` for a `jsonb` (or JSON `text`) parameter, with every string, keys included, made storable.
 *
 * @example
 * storableJson({ body: 'a\u0000b' }); // stored, and read back, as the text a\u0000b (six characters in the middle)
 */
export function storableJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => {
    if (typeof v === 'string') return storableText(v);
    // Called on each object before its members: keys need the same care as values.
    if (v !== null && typeof v === 'object' && !Array.isArray(v) && Object.keys(v).some(hasUnstorable)) {
      return Object.fromEntries(Object.entries(v).map(([k, member]) => [storableText(k), member]));
    }
    return v;
  });
}

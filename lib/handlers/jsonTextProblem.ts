/** Deeper than this, a body is refused: no SYNTOR request nests anywhere near it. */
export const MAX_JSON_DEPTH = 64;

/**
 * What makes JSON text unfit to accept even when `JSON.parse` would take it, or `undefined`: a NUL
 * character (raw or as `\u0000`), which PostgreSQL cannot store in text or jsonb, and nesting past
 * `maxDepth`, which `JSON.parse` accepts but every recursive walk afterwards (`JSON.stringify`, zod)
 * overflows the stack on. One pass over the text, no recursion, so any input is safe to scan.
 *
 * @example
 * jsonTextProblem('{"a":[1,2]}'); // undefined
 * jsonTextProblem('"a\\u0000b"'); // 'The body contains a NUL character …'
 * jsonTextProblem('['.repeat(100) + ']'.repeat(100)); // 'The body nests deeper than 64 levels …'
 */
export function jsonTextProblem(text: string, maxDepth = MAX_JSON_DEPTH): string | undefined {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i += 1) {
    const char = text.charCodeAt(i);
    if (char === 0) return NUL_PROBLEM;
    if (inString) {
      if (char === QUOTE) inString = false;
      else if (char === BACKSLASH) {
        if (text[i + 1] === 'u' && text.slice(i + 2, i + 6) === '0000') return NUL_PROBLEM;
        i += 1; // The escaped character cannot end the string (\") or start another escape (\\).
      }
    } else if (char === QUOTE) inString = true;
    else if (char === OPEN_BRACE || char === OPEN_BRACKET) {
      depth += 1;
      if (depth > maxDepth) return `The body nests deeper than ${maxDepth} levels of objects and arrays; flatten it.`;
    } else if (char === CLOSE_BRACE || char === CLOSE_BRACKET) depth -= 1;
  }
  return undefined;
}

const NUL_PROBLEM = 'The body contains a NUL character (\\u0000), which cannot be stored; remove it.';
const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;

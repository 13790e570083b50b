import { JsonNumber } from './JsonNumber.js';
import type { JsonObject, JsonValue } from './types.js';

const WHITESPACE = /[ \t\n\r]*/y;
// eslint-disable-next-line no-control-regex -- RFC 8259 forbids raw U+0000–U+001F inside strings
const STRING_TOKEN = /"(?:[^"\\\u0000-\u001f]|\\(?:["\\/bfnrt]|u[0-9a-fA-F]{4}))*"/y;
const NUMBER_TOKEN = /-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?/y;
const LITERALS = [
  ['true', true],
  ['false', false],
  ['null', null],
] as const;

class JsonSyntaxError extends Error {}

/**
 * Strict RFC 8259 parser for record values. Unlike `JSON.parse` it keeps each number's source text
 * (see JsonNumber) and returns objects as Maps. Returns `undefined` for anything that is not JSON.
 */
export function parseJson(text: string): JsonValue | undefined {
  let position = 0;

  const syntaxError = (): never => {
    throw new JsonSyntaxError();
  };
  const read = (token: RegExp): string | undefined => {
    token.lastIndex = position;
    const found = token.exec(text);
    if (found) position = token.lastIndex;
    return found?.[0];
  };
  const skipWhitespace = (): void => void read(WHITESPACE);
  const nextSignificant = (): string | undefined => {
    skipWhitespace();
    return text[position++];
  };

  const parseValue = (): JsonValue => {
    skipWhitespace();
    const first = text[position];
    if (first === '{') return parseObject();
    if (first === '[') return parseArray();
    if (first === '"') return parseString();
    const number = read(NUMBER_TOKEN);
    if (number !== undefined) return new JsonNumber(number);
    for (const [word, literal] of LITERALS) {
      if (text.startsWith(word, position)) {
        position += word.length;
        return literal;
      }
    }
    return syntaxError();
  };

  const parseString = (): string => JSON.parse(read(STRING_TOKEN) ?? syntaxError()) as string;

  const parseArray = (): JsonValue[] => {
    position++;
    const items: JsonValue[] = [];
    skipWhitespace();
    if (text[position] === ']') {
      position++;
      return items;
    }
    for (;;) {
      items.push(parseValue());
      const separator = nextSignificant();
      if (separator === ']') return items;
      if (separator !== ',') syntaxError();
    }
  };

  const parseObject = (): JsonObject => {
    position++;
    const fields = new Map<string, JsonValue>();
    skipWhitespace();
    if (text[position] === '}') {
      position++;
      return fields;
    }
    for (;;) {
      skipWhitespace();
      if (text[position] !== '"') syntaxError();
      const key = parseString();
      if (nextSignificant() !== ':') syntaxError();
      fields.set(key, parseValue());
      const separator = nextSignificant();
      if (separator === '}') return fields;
      if (separator !== ',') syntaxError();
    }
  };

  try {
    const value = parseValue();
    skipWhitespace();
    return position === text.length ? value : undefined;
  } catch (error) {
    // RangeError: nesting deep enough to exhaust the stack is not a document we can filter on.
    if (error instanceof JsonSyntaxError || error instanceof RangeError) return undefined;
    throw error;
  }
}

import type { JsonNumber } from './JsonNumber.js';

/** A parsed Lambda filter pattern, e.g. `{ value: { type: ['task.assign'] } }`. */
export type FilterPattern = Record<string, unknown>;

/** A JSON scalar from a record value; numbers keep their source text (see {@link JsonNumber}). */
export type JsonLeaf = string | boolean | null | JsonNumber;

export type JsonObject = ReadonlyMap<string, JsonValue>;

export type JsonValue = JsonLeaf | readonly JsonValue[] | JsonObject;

/** A Kafka record value as the filter sees it, decided once per record. */
export type RecordValue =
  /** The record has a null value (a tombstone). */
  | { readonly kind: 'absent' }
  /** The bytes are not UTF-8; no pattern on `value` can match. */
  | { readonly kind: 'undecodable' }
  /** UTF-8 text that is not a JSON object: matched whole, as a plain string. */
  | { readonly kind: 'text'; readonly text: string }
  | { readonly kind: 'json'; readonly json: JsonObject };

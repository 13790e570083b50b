import { parseJson } from './parseJson.js';
import type { JsonObject, JsonValue, RecordValue } from './types.js';

const utf8 = new TextDecoder('utf-8', { fatal: true });

const ABSENT: RecordValue = { kind: 'absent' };
const UNDECODABLE: RecordValue = { kind: 'undecodable' };

/**
 * Decides once per record how patterns see its value. Lambda decodes Kafka bytes as UTF-8 before
 * filtering; a message is then "valid JSON" or a "plain string" (DOCS.messageFormats). Here only a JSON
 * object counts as JSON, since a pattern can only look inside a value by key; a JSON scalar or array
 * is matched by its text like any other plain string.
 */
export function decodeRecordValue(value: Buffer | null): RecordValue {
  if (value === null) return ABSENT;
  let text: string;
  try {
    text = utf8.decode(value);
  } catch {
    return UNDECODABLE;
  }
  const json = parseJson(text);
  return isJsonObject(json) ? { kind: 'json', json } : { kind: 'text', text };
}

export function isJsonObject(value: JsonValue | undefined): value is JsonObject {
  return value instanceof Map;
}

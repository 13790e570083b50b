import { DOCS, KAFKA_DATA_KEY, MAX_PATTERN_LENGTH, OR_KEY } from './constants.js';
import { FilterPatternInvalidError } from './errors.js';
import { isPlainObject } from './isPlainObject.js';
import { PatternProblem, describe, fail, fieldPath } from './patternProblem.js';
import type { FilterPattern } from './types.js';
import { validateFields, validateOr } from './validateFields.js';
import { validateMatchRules } from './validateMatchRule.js';

/**
 * Validates a Kafka filter pattern the way Lambda does when the event source mapping is created, and
 * returns it as a plain JSON object. Accepts the object or its JSON string (FilterCriteria `Pattern`).
 *
 * @example
 * parseFilterPattern('{ "value": { "device_ID": [ { "prefix": "AB" } ] } }');
 * // → { value: { device_ID: [ { prefix: 'AB' } ] } }
 * parseFilterPattern({ value: { amount: [{ numeric: ['>'] }] } });
 * // throws FilterPatternInvalidError: value.amount: numeric needs an operator followed by a number, …
 */
export function parseFilterPattern(input: unknown): FilterPattern {
  try {
    const pattern = typeof input === 'string' ? parseJsonPattern(input) : input;
    if (!isPlainObject(pattern)) fail('pattern', `must be a JSON object like { "value": { ... } }; got ${describe(pattern)}`);
    validateKafkaRoot(pattern, '');
    const text = JSON.stringify(pattern);
    if (text.length > MAX_PATTERN_LENGTH) {
      fail('pattern', `is ${text.length} characters as JSON; Lambda allows at most ${MAX_PATTERN_LENGTH} (${DOCS.filterApi})`);
    }
    return JSON.parse(text) as FilterPattern;
  } catch (error) {
    if (error instanceof PatternProblem) throw new FilterPatternInvalidError(input, error.path, error.reason);
    throw error;
  }
}

function parseJsonPattern(text: string): unknown {
  if (text.length > MAX_PATTERN_LENGTH) {
    fail('pattern', `is ${text.length} characters; Lambda allows at most ${MAX_PATTERN_LENGTH} (${DOCS.filterApi})`);
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    return fail('pattern', `is not valid JSON (${(error as Error).message})`);
  }
}

/**
 * Kafka mappings filter on the `value` key only (DOCS.kafkaFiltering), so the top level holds `value`
 * and nothing else, or `$or` branches that each do. An empty pattern is invalid: Lambda, like
 * event-ruler, rejects empty objects, so every valid Kafka pattern looks at `value`.
 */
function validateKafkaRoot(node: Record<string, unknown>, path: string): void {
  const keys = Object.keys(node);
  if (keys.length === 0) fail(path || 'pattern', `empty objects are not allowed; a Kafka pattern filters on "${KAFKA_DATA_KEY}"`);
  for (const key of keys) {
    const childPath = fieldPath(path, key);
    if (key === OR_KEY) {
      validateOr(node[key], childPath, validateKafkaRoot);
    } else if (key !== KAFKA_DATA_KEY) {
      fail(childPath, `Kafka event source mappings only filter on "${KAFKA_DATA_KEY}", not "${key}" (${DOCS.kafkaFiltering})`);
    } else {
      validateValueSpec(node[key], childPath, path !== '');
    }
  }
}

/** `value` is either fields of a JSON message (object) or alternatives for a plain-string message (array). */
function validateValueSpec(spec: unknown, path: string, insideOr: boolean): void {
  if (Array.isArray(spec)) return validateMatchRules(spec, path);
  if (isPlainObject(spec)) return validateFields(spec, path, insideOr);
  fail(path, `must be an object (fields of a JSON message) or an array (values for a plain-string message); got ${describe(spec)}`);
}

import { describe, expect, it } from 'vitest';
import { redactDeadLetter, redactEncodedJson, redactTask } from '../../../lib/orchestration/redactTask.js';

const base64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64');
const decode = (value: string) => JSON.parse(Buffer.from(value, 'base64').toString('utf8')) as unknown;

describe('what the API serves', () => {
  it('redacts a task payload and nothing else', () => {
    const task = { id: 't1', type: 'git.clone', payload: { url: 'u', token: 'ghp_1' }, result: { path: 'x' } };

    expect(redactTask(task)).toEqual({ id: 't1', type: 'git.clone', payload: { url: 'u', token: '[redacted]' }, result: { path: 'x' } });
  });

  it('redacts a dead letter JSON value (re-encoded) and its details', () => {
    const letter = { id: 'd1', value: base64({ type: 'git.push', payload: { path: 'p', token: 'ghp_2' } }), details: { request: { apiKey: 'k' } } };

    const served = redactDeadLetter(letter);

    expect(decode(served.value!)).toEqual({ type: 'git.push', payload: { path: 'p', token: '[redacted]' } });
    expect(served.details).toEqual({ request: { apiKey: '[redacted]' } });
  });

  it.each([
    ['not JSON', Buffer.from('not json {').toString('base64')],
    ['JSON without secrets, byte for byte', Buffer.from('{ "a" : 1 }').toString('base64')],
  ])('keeps a value that is %s', (_, value) => {
    expect(redactEncodedJson(value)).toBe(value);
    expect(redactDeadLetter({ value: null })).toEqual({ value: null });
  });
});

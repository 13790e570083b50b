import { describe, expect, it } from 'vitest';
import { jsonBytes, LIMITS, TRUNCATION_MARKER, truncateText } from '../../../lib/contracts/index.js';

describe('LIMITS', () => {
  it('keeps payloads and results far enough under the broker limit to be dead-lettered as base64', () => {
    for (const cap of [LIMITS.payloadBytes, LIMITS.resultBytes]) expect(Math.ceil(cap / 3) * 4).toBeLessThan(LIMITS.brokerMessageBytes);
  });
});

describe('jsonBytes', () => {
  it('measures UTF-8 JSON, and nothing as 0', () => {
    expect(jsonBytes({ a: 'é' })).toBe(Buffer.byteLength('{"a":"é"}'));
    expect(jsonBytes(undefined)).toBe(0);
  });
});

describe('truncateText', () => {
  it('leaves text that fits alone', () => {
    expect(truncateText('short', 8)).toBe('short');
  });

  it('cuts longer text so that it fits with the marker', () => {
    const cut = truncateText('x'.repeat(10_000), LIMITS.errorMessageBytes);
    expect(cut.endsWith(TRUNCATION_MARKER)).toBe(true);
    expect(Buffer.byteLength(cut)).toBe(LIMITS.errorMessageBytes);
  });

  it('never splits a multi-byte character', () => {
    const cut = truncateText('€'.repeat(100), 50); // 3 bytes each
    expect(cut).toMatch(/^€+… \[truncated\]$/);
    expect(Buffer.byteLength(cut)).toBeLessThanOrEqual(50);
  });
});

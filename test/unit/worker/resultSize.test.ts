import type { Context } from 'aws-lambda';
import { z } from 'zod';
import { describe, expect, it } from 'vitest';
import { HTTP_REQUEST_LIMITS, type HttpRequestOutput } from '../../../lib/capabilities/builtin/index.js';
import { defineCapability, type Capability } from '../../../lib/capabilities/index.js';
import { toErrorInfo } from '../../../lib/capabilities/errorInfo.js';
import { jsonBytes, LIMITS, TRUNCATION_MARKER } from '../../../lib/contracts/index.js';
import type { SyntorProducer } from '../../../lib/kafka/index.js';
import { createLogger } from '../../../lib/observability/index.js';
import { fitErrorInfo } from '../../../lib/worker/resultSize.js';
import { runAssignment } from '../../../lib/worker/runAssignment.js';
import { buildTaskAssign } from '../../fixtures/messages.js';

/** Returns `size` characters of output, or fails with a message of that many characters. */
const sized = defineCapability({
  name: 'sized',
  description: 'test-only: a result or an error message of the asked size',
  input: z.object({ size: z.number(), fail: z.boolean().default(false) }),
  output: z.object({ text: z.string() }),
  run: async ({ size, fail }) => {
    if (fail) throw Object.assign(new Error('e'.repeat(size)), { retriable: true });
    return { text: 'x'.repeat(size) };
  },
});

const producer = { publish: async () => [], publishAll: async () => [], sendRaw: async () => [], disconnect: async () => undefined } satisfies SyntorProducer;
const context = { getRemainingTimeInMillis: () => 60_000 } as Context;

function attempt(payload: { size: number; fail?: boolean }) {
  return runAssignment({
    assignment: buildTaskAssign({
      agent: 'worker-alpha',
      task: { id: '7d7a8a52-4f0e-4bd4-9d51-5b1b5c0a8a11', type: 'sized', priority: 5, requiredCapabilities: ['sized'], payload, timeoutMs: 5_000, maxRetries: 3 },
    }).payload,
    capabilities: new Map<string, Capability>([['sized', sized as Capability]]),
    instanceId: 'worker-alpha-1',
    context,
    producer,
    logger: createLogger({ level: 'error' }),
  });
}

describe('a task result over the result cap', () => {
  it('fails the attempt without retry, naming its size and the limit', async () => {
    // Act
    const outcome = await attempt({ size: LIMITS.resultBytes });

    // Assess
    const bytes = jsonBytes({ text: 'x'.repeat(LIMITS.resultBytes) });
    expect(outcome).toMatchObject({
      outcome: 'failure',
      error: { code: 'result-too-large', retriable: false, message: `sized: the result is ${bytes} bytes serialized; the limit is ${LIMITS.resultBytes} bytes`, details: { bytes, limitBytes: LIMITS.resultBytes } },
    });
  });

  it('is reported as it is when it fits', async () => {
    const outcome = await attempt({ size: LIMITS.resultBytes - 100 });
    expect(outcome.outcome).toBe('success');
  });
});

describe('error messages', () => {
  it('are cut at the error-message cap with a marker', async () => {
    const outcome = await attempt({ size: 100_000, fail: true });

    expect(outcome.outcome).toBe('failure');
    const { message, retriable } = (outcome as { error: { message: string; retriable: boolean } }).error;
    expect(retriable).toBe(true);
    expect(message.endsWith(TRUNCATION_MARKER)).toBe(true);
    expect(Buffer.byteLength(message)).toBeLessThanOrEqual(LIMITS.errorMessageBytes);
  });

  it('are left alone when short', () => {
    expect(toErrorInfo(new Error('nope')).message).toBe('nope');
  });
});

describe('fitErrorInfo', () => {
  it('keeps code and message but says how large details were that would not fit', () => {
    const info = fitErrorInfo({ code: 'merge-conflict', message: 'conflicts', retriable: false, details: { paths: ['p'.repeat(LIMITS.resultBytes)] } });
    expect(info).toMatchObject({ code: 'merge-conflict', message: 'conflicts', details: { omitted: expect.stringMatching(/^the details were \d+ bytes serialized; the limit is 524288 bytes$/) } });
  });
});

describe('http.request', () => {
  it('fits a default-sized binary response (base64) into the result cap, and the largest one allowed too', () => {
    for (const size of [HTTP_REQUEST_LIMITS.maxResponseBytes.default, HTTP_REQUEST_LIMITS.maxResponseBytes.max]) {
      const output: HttpRequestOutput = {
        status: 200,
        statusText: 'OK',
        // Node refuses more than 16 KiB of response headers.
        headers: { 'x-padding': 'h'.repeat(16 * 1024) },
        body: Buffer.alloc(size, 0xff).toString('base64'),
        bodyEncoding: 'base64',
        truncated: false,
        url: `https://example.com/${'u'.repeat(8_000)}`,
        redirects: 0,
      };
      expect(jsonBytes(output)).toBeLessThanOrEqual(LIMITS.resultBytes);
    }
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { agents } from '../../../functions/index.js';
import { LIMITS } from '../../../lib/contracts/index.js';
import type { RunningHarness } from '../../../local/harness/harness.js';
import { disconnectProducers, resetHarnesses, runHarness } from '../harness/support.js';
import { api, eventually, resetState } from '../orchestration/support.js';
import { oversizedAgent, oversizedRuns } from './fixtures.js';

let harness: RunningHarness;
let client: ReturnType<typeof api>;
const coordination = agents.find((a) => a.name === 'coordination')!;

beforeAll(async () => {
  await resetState();
  harness = await runHarness(coordination, { agents: [coordination, oversizedAgent], ports: { http: 0, metrics: false, health: false }, fireSchedulesOnStart: true });
  client = api(`http://127.0.0.1:${harness.ports.http}`);
  await eventually('the worker to register', async () => {
    const { body } = await client.agents();
    return (body.agents as { name: string }[]).some((a) => a.name === oversizedAgent.name) ? true : undefined;
  });
});
afterAll(async () => {
  await resetHarnesses();
  await disconnectProducers();
});

describe('a result larger than the result cap', () => {
  it('ends its task dead with result-too-large after one run, instead of an outcome the broker refuses', async () => {
    // Act
    const { body: submitted } = await client.submit({ type: 'oversized', requiredCapabilities: ['oversized'], maxRetries: 3 });
    const task = await eventually('the task to settle', async () => {
      const { body } = await client.task(submitted.id as string);
      return ['dead', 'completed'].includes(body.status as string) ? body : undefined;
    });

    // Assess
    expect(task).toMatchObject({ status: 'dead', error: { code: 'result-too-large', retriable: false } });
    expect(task.error.message).toMatch(new RegExp(`the result is \\d+ bytes serialized; the limit is ${LIMITS.resultBytes} bytes`));
    expect(oversizedRuns.count).toBe(1);
  });
});

describe('an oversized submission', () => {
  it('is refused with 400 naming the payload, its size and the limit', async () => {
    const reply = await client.submit({ type: 'compute', requiredCapabilities: ['compute'], payload: { blob: 'x'.repeat(LIMITS.payloadBytes) } });

    expect(reply.status).toBe(400);
    expect(reply.body.errors).toEqual([{ field: 'payload', message: expect.stringMatching(new RegExp(`^is \\d+ bytes serialized; the limit is ${LIMITS.payloadBytes} bytes$`)) }]);
  });

  it('is refused with 413 naming the limit when the body itself is over the HTTP cap', async () => {
    const reply = await client.submit({ type: 'compute', payload: { blob: 'x'.repeat(LIMITS.submissionBodyBytes) } });

    expect(reply.status).toBe(413);
    expect(reply.body).toEqual({ message: expect.stringMatching(new RegExp(`^The request body is \\d+ bytes; the limit is ${LIMITS.submissionBodyBytes} bytes$`)), limitBytes: LIMITS.submissionBodyBytes });
  });
});

import type { Context } from 'aws-lambda';
import { z } from 'zod';
import { describe, expect, it } from 'vitest';
import { defineCapability, type Capability } from '../../../lib/capabilities/index.js';
import type { SyntorProducer } from '../../../lib/kafka/index.js';
import { createLogger, TraceContext } from '../../../lib/observability/index.js';
import { runAssignment } from '../../../lib/worker/runAssignment.js';
import { buildTaskAssign } from '../../fixtures/messages.js';
import { captureLines } from './capture.js';

const TRACEPARENT = '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01';

const echo = defineCapability({
  name: 'echo',
  description: 'Returns its input; logs a line with a token in it.',
  input: z.object({ text: z.string() }),
  output: z.object({ text: z.string() }),
  run: async (input, ctx) => {
    ctx.log.info('echoing', { length: input.text.length, token: 'capability-secret' });
    if (input.text === 'boom') throw new Error('boom');
    return input;
  },
});

const producer = { publish: async () => [], publishAll: async () => [], sendRaw: async () => [], disconnect: async () => undefined } satisfies SyntorProducer;
const context = { getRemainingTimeInMillis: () => 60_000 } as Context;

function run(text: string) {
  const out = captureLines();
  const assignment = buildTaskAssign({
    agent: 'worker-alpha',
    attempt: 2,
    task: { id: '7d7a8a52-4f0e-4bd4-9d51-5b1b5c0a8a11', type: 'echo', priority: 5, requiredCapabilities: ['echo'], payload: { text }, timeoutMs: 5_000, maxRetries: 3 },
  }).payload;
  const done = runAssignment({
    assignment,
    capabilities: new Map<string, Capability>([['echo', echo as Capability]]),
    instanceId: 'worker-alpha-1',
    context,
    producer,
    trace: TraceContext.fromTraceparent(TRACEPARENT),
    correlationId: 'req-1',
    logger: createLogger({ level: 'info', destination: out }),
  });
  return { out, done };
}

describe('runAssignment logs', () => {
  it('writes the capability lines and one success line, each naming the task', async () => {
    // Act
    const { out, done } = run('hi');
    await done;

    // Assess
    expect(out.lines.map((l) => [l.level, l.msg])).toEqual([['info', 'echoing'], ['info', 'task completed']]);
    for (const line of out.lines) {
      expect(line).toMatchObject({ taskId: '7d7a8a52-4f0e-4bd4-9d51-5b1b5c0a8a11', correlationId: 'req-1', agent: 'worker-alpha', attempt: 2, traceId: '4bf92f3577b34da6a3ce929d0e0e4736' });
    }
    expect(out.lines[1]).toMatchObject({ type: 'echo', durationMs: expect.any(Number) });
    expect(out.text()).not.toContain('capability-secret');
  });

  it('writes a warning with the error code and whether it is retriable when the attempt fails', async () => {
    const { out, done } = run('boom');
    await done;

    expect(out.lines.at(-1)).toMatchObject({ level: 'warn', msg: 'task failed', taskId: '7d7a8a52-4f0e-4bd4-9d51-5b1b5c0a8a11', error: { retriable: true, code: expect.any(String) } });
  });
});

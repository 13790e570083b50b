import { describe, expect, it } from 'vitest';
import { traceIdOf } from '../../../lib/kafka/index.js';
import { createLogger, taskLogger } from '../../../lib/observability/index.js';
import { captureLines } from './capture.js';

const TRACEPARENT = '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01';

describe('taskLogger', () => {
  it('puts task id, correlation id, agent, attempt and trace id on every line', () => {
    // Prepare
    const out = captureLines();
    const log = taskLogger(createLogger({ level: 'debug', destination: out }), {
      taskId: 't-1',
      correlationId: 'c-1',
      agent: 'worker-alpha',
      attempt: 2,
      traceId: traceIdOf(TRACEPARENT),
    });

    // Act
    log.debug('claimed');
    log.info({ durationMs: 12 }, 'task completed');
    log.child({ step: 'publish' }).warn('slow');

    // Assess
    expect(out.lines).toHaveLength(3);
    for (const line of out.lines) {
      expect(line).toMatchObject({ taskId: 't-1', correlationId: 'c-1', agent: 'worker-alpha', attempt: 2, traceId: '4bf92f3577b34da6a3ce929d0e0e4736' });
    }
  });

  it('leaves out the correlation and trace ids when there are none', () => {
    const out = captureLines();
    const log = taskLogger(createLogger({ level: 'info', destination: out }), { taskId: 't-2', agent: 'worker-beta', attempt: 1, traceId: undefined });

    log.info('task completed');

    expect(Object.keys(out.lines[0]!)).not.toContain('traceId');
    expect(Object.keys(out.lines[0]!)).not.toContain('correlationId');
  });
});

describe('traceIdOf', () => {
  it.each([
    [TRACEPARENT, '4bf92f3577b34da6a3ce929d0e0e4736'],
    [undefined, undefined],
    ['', undefined],
    ['not-a-traceparent', undefined],
    ['00-00000000000000000000000000000000-00f067aa0ba902b7-01', undefined],
    ['00-4BF92F3577B34DA6A3CE929D0E0E4736-00f067aa0ba902b7-01', undefined],
  ])('traceIdOf(%j) is %j', (traceparent, expected) => {
    expect(traceIdOf(traceparent)).toBe(expected);
  });
});

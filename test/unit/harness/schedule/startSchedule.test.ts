import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ScheduleExpressionInvalidError } from '../../../../lib/triggers/index.js';
import {
  startSchedule,
  type ScheduleFailure,
  type ScheduleHandle,
  type ScheduleRetry,
} from '../../../../local/harness/schedule/index.js';
import { deferred, recordingInvoke } from './fixtures.js';

const MINUTE = 60_000;

describe('startSchedule', () => {
  let schedule: ScheduleHandle | undefined;

  beforeEach(() => {
    vi.useFakeTimers({ now: new Date('2024-01-01T00:00:00Z') });
  });

  afterEach(async () => {
    await schedule?.stop();
    schedule = undefined;
    vi.useRealTimers();
  });

  it('fires a rate schedule one period after it starts, then every period', async () => {
    const calls = recordingInvoke();
    schedule = startSchedule({ ruleName: 'sweeper', expression: 'rate(1 minute)', invoke: calls.invoke });

    expect(schedule.nextFireAt()).toEqual(new Date('2024-01-01T00:01:00Z'));
    await vi.advanceTimersByTimeAsync(MINUTE - 1);
    expect(calls.events).toHaveLength(0);

    await vi.advanceTimersByTimeAsync(1 + 2 * MINUTE);

    expect(calls.times()).toEqual(['2024-01-01T00:01:00Z', '2024-01-01T00:02:00Z', '2024-01-01T00:03:00Z']);
    expect(calls.events[0]).toMatchObject({ 'detail-type': 'Scheduled Event', resources: ['arn:aws:events:local:000000000000:rule/sweeper'] });
    expect(schedule.nextFireAt()).toEqual(new Date('2024-01-01T00:04:00Z'));
  });

  it('with fireImmediately, runs once right away and keeps the cadence', async () => {
    const calls = recordingInvoke();
    schedule = startSchedule({ ruleName: 'sweeper', expression: 'rate(5 minutes)', invoke: calls.invoke, fireImmediately: true });

    expect(calls.events).toHaveLength(0); // not inside startSchedule itself
    await vi.advanceTimersByTimeAsync(0);
    expect(calls.times()).toEqual(['2024-01-01T00:00:00Z']);

    await vi.advanceTimersByTimeAsync(5 * MINUTE);

    expect(calls.times()).toEqual(['2024-01-01T00:00:00Z', '2024-01-01T00:05:00Z']);
  });

  it('fires a cron schedule at its fire times, in UTC, with the scheduled time in the event', async () => {
    vi.setSystemTime(new Date('2024-01-01T00:07:30Z'));
    const calls = recordingInvoke();
    schedule = startSchedule({ ruleName: 'quarterly', expression: 'cron(0/15 * * * ? *)', invoke: calls.invoke });

    expect(schedule.nextFireAt()).toEqual(new Date('2024-01-01T00:15:00Z'));
    await vi.advanceTimersByTimeAsync(37.5 * MINUTE);

    expect(calls.times()).toEqual(['2024-01-01T00:15:00Z', '2024-01-01T00:30:00Z', '2024-01-01T00:45:00Z']);
  });

  it('waits past the 24.8-day timer limit for a yearly cron', async () => {
    const calls = recordingInvoke();
    schedule = startSchedule({ ruleName: 'new-year', expression: 'cron(0 0 1 1 ? *)', invoke: calls.invoke });

    await vi.advanceTimersByTimeAsync(366 * 24 * 60 * MINUTE);

    expect(calls.times()).toEqual(['2025-01-01T00:00:00Z']);
  });

  it('fires on schedule while earlier invocations still run: they overlap, as async invokes do', async () => {
    const slow = [deferred(), deferred()];
    let started = 0;
    const calls = recordingInvoke(() => slow[started++]?.promise ?? Promise.resolve());
    schedule = startSchedule({ ruleName: 'slow', expression: 'rate(1 minute)', invoke: calls.invoke });

    await vi.advanceTimersByTimeAsync(3 * MINUTE);

    expect(calls.times()).toEqual(['2024-01-01T00:01:00Z', '2024-01-01T00:02:00Z', '2024-01-01T00:03:00Z']);
    slow.forEach((run) => run.resolve());
  });

  it('retries a failed invocation with the same event after 1 and then 2 minutes, then reports it once', async () => {
    const failure = new Error('handler failed');
    const calls = recordingInvoke(() => Promise.reject(failure));
    const retries: ScheduleRetry[] = [];
    const failures: ScheduleFailure[] = [];
    schedule = startSchedule({
      ruleName: 'flaky',
      expression: 'cron(0 0 1 * ? *)',
      invoke: calls.invoke,
      onRetry: (retry) => retries.push(retry),
      onError: (_error, final) => failures.push(final),
    });
    await vi.advanceTimersByTimeAsync(31 * 24 * 60 * MINUTE); // to 2024-02-01T00:00, the first fire after the start
    expect(calls.events).toHaveLength(1);

    await vi.advanceTimersByTimeAsync(MINUTE - 1);
    expect(calls.events).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(calls.events).toHaveLength(2);
    await vi.advanceTimersByTimeAsync(2 * MINUTE);

    expect(calls.events).toHaveLength(3);
    expect(new Set(calls.events.map((event) => event.id)).size).toBe(1);
    expect(retries.map((r) => [r.attempt, r.delayMs])).toEqual([[1, MINUTE], [2, 2 * MINUTE]]);
    expect(failures).toEqual([expect.objectContaining({ error: failure, attempts: 3, reason: 'retries-exhausted', scheduledAt: new Date('2024-02-01T00:00:00Z') })]);
    await vi.advanceTimersByTimeAsync(10 * MINUTE);
    expect(calls.events).toHaveLength(3);
  });

  it('stops retrying once an attempt succeeds', async () => {
    let attempts = 0;
    const calls = recordingInvoke(async () => {
      attempts += 1;
      if (attempts === 1) throw new Error('cold dependency');
    });
    const failures: unknown[] = [];
    schedule = startSchedule({ ruleName: 'recovers', expression: 'rate(1 hour)', invoke: calls.invoke, retryDelaysMs: [10], onRetry: () => {}, onError: (error) => failures.push(error) });

    await vi.advanceTimersByTimeAsync(60 * MINUTE + 10);

    expect(calls.events).toHaveLength(2);
    expect(failures).toEqual([]);
  });

  it.each([
    { retryAttempts: 0, attempts: 1 },
    { retryAttempts: 1, attempts: 2 },
  ])('takes $retryAttempts retries when told, with delays as configured', async ({ retryAttempts, attempts }) => {
    const calls = recordingInvoke(() => Promise.reject(new Error('down')));
    const failures: ScheduleFailure[] = [];
    schedule = startSchedule({ ruleName: 'few', expression: 'rate(1 hour)', invoke: calls.invoke, retryAttempts, retryDelaysMs: [5], onRetry: () => {}, onError: (_e, f) => failures.push(f) });

    await vi.advanceTimersByTimeAsync(60 * MINUTE + 100);

    expect(calls.events).toHaveLength(attempts);
    expect(failures.map((f) => f.attempts)).toEqual([attempts]);
  });

  it('keeps firing while a failed fire waits for its retry', async () => {
    const calls = recordingInvoke(() => Promise.reject(new Error('down')));
    schedule = startSchedule({ ruleName: 'flaky', expression: 'rate(1 minute)', invoke: calls.invoke, onRetry: () => {}, onError: () => {} });

    await vi.advanceTimersByTimeAsync(2 * MINUTE);

    // 00:01 and 00:02 fired, and 00:01's first retry ran at 00:02.
    expect(calls.times()).toEqual(['2024-01-01T00:01:00Z', '2024-01-01T00:02:00Z', '2024-01-01T00:01:00Z']);
  });

  it('stop() drops a retry still waiting and reports it as stopped', async () => {
    const calls = recordingInvoke(() => Promise.reject(new Error('down')));
    const failures: ScheduleFailure[] = [];
    const handle = startSchedule({ ruleName: 'flaky', expression: 'rate(1 hour)', invoke: calls.invoke, onRetry: () => {}, onError: (_e, f) => failures.push(f) });
    await vi.advanceTimersByTimeAsync(60 * MINUTE);

    await handle.stop();
    await vi.advanceTimersByTimeAsync(10 * MINUTE);

    expect(calls.events).toHaveLength(1);
    expect(failures).toEqual([expect.objectContaining({ attempts: 1, reason: 'stopped' })]);
  });

  it('survives an invoke that throws synchronously and an onError that throws', async () => {
    const calls = recordingInvoke(() => {
      throw new Error('sync');
    });
    schedule = startSchedule({
      ruleName: 'broken',
      expression: 'rate(1 minute)',
      invoke: calls.invoke,
      retryAttempts: 0,
      onError: () => {
        throw new Error('reporter broke');
      },
    });

    await vi.advanceTimersByTimeAsync(2 * MINUTE);

    expect(calls.events).toHaveLength(2);
  });

  it('stop() waits for the invocations in flight and ends the schedule', async () => {
    const slow = deferred();
    const calls = recordingInvoke(() => slow.promise);
    const handle = startSchedule({ ruleName: 'slow', expression: 'rate(1 minute)', invoke: calls.invoke });
    await vi.advanceTimersByTimeAsync(MINUTE);

    let stopped = false;
    const stopping = handle.stop().then(() => (stopped = true));
    await vi.advanceTimersByTimeAsync(0);
    expect(stopped).toBe(false);

    slow.resolve();
    await stopping;
    await vi.advanceTimersByTimeAsync(10 * MINUTE);

    expect(calls.events).toHaveLength(1);
    expect(handle.nextFireAt()).toBeUndefined();
  });

  it('stop() leaves an invocation that outlasts its grace, so stopping never hangs', async () => {
    const endless = deferred();
    const calls = recordingInvoke(() => endless.promise);
    const handle = startSchedule({ ruleName: 'endless', expression: 'rate(1 minute)', invoke: calls.invoke, stopGraceMs: 5_000 });
    await vi.advanceTimersByTimeAsync(MINUTE);

    let stopped = false;
    const stopping = handle.stop().then(() => (stopped = true));
    await vi.advanceTimersByTimeAsync(4_000);
    expect(stopped).toBe(false);
    await vi.advanceTimersByTimeAsync(1_000);
    await stopping;

    expect(stopped).toBe(true);
    endless.resolve();
  });

  it('has no next fire when a cron expression has none left', () => {
    schedule = startSchedule({ ruleName: 'past', expression: 'cron(0 0 1 1 ? 2020)', invoke: async () => {} });

    expect(schedule.nextFireAt()).toBeUndefined();
    expect(vi.getTimerCount()).toBe(0);
  });

  it('rejects an expression EventBridge would reject, before starting anything', () => {
    expect(() => startSchedule({ ruleName: 'bad', expression: 'rate(5 minute)', invoke: async () => {} })).toThrow(ScheduleExpressionInvalidError);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('takes its clock from `now` when given one', () => {
    schedule = startSchedule({ ruleName: 'clock', expression: 'rate(1 hour)', invoke: async () => {}, now: () => new Date('2030-06-01T10:00:00Z') });

    expect(schedule.nextFireAt()).toEqual(new Date('2030-06-01T11:00:00Z'));
  });
});

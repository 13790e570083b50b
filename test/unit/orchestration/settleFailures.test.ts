import { describe, expect, it } from 'vitest';
import type { ExpiredTask, StoredTask } from '../../../lib/store/index.js';
import { settleFailures } from '../../../lib/orchestration/settleFailures.js';

const NOW = Date.parse('2026-12-07T00:00:00Z');
const policy = { retryBaseMs: 1_000, retryMaxMs: 60_000 };
const settle = settleFailures(policy, 'coordination', () => NOW);

function failedTask(overrides: Partial<ExpiredTask> = {}): StoredTask {
  return {
    id: '00000000-0000-4000-8000-000000000001',
    type: 'compute',
    priority: 5,
    requiredCapabilities: ['compute'],
    payload: { op: 'sum', values: [1] },
    status: 'failed',
    assignedAgent: 'worker-alpha',
    attempt: 2,
    retryCount: 1,
    maxRetries: 3,
    timeoutMs: 1_000,
    availableAt: new Date(NOW).toISOString(),
    createdAt: new Date(NOW).toISOString(),
    updatedAt: new Date(NOW).toISOString(),
    error: { code: 'boom', message: 'it broke', retriable: true },
    ...overrides,
  } as StoredTask;
}

const topics = (plan: ReturnType<typeof settle>) => plan.outbox.map((r) => `${r.topic}:${r.headers['syntor-message-type']}`);

describe('settleFailures', () => {
  it('retries a retriable failure with backoff and counts the retry', () => {
    const plan = settle([failedTask()]);

    expect(plan.settlements).toEqual([{ taskId: failedTask().id, retry: { availableAt: new Date(NOW + 2_000), countRetry: true, detail: { retry: 2, delayMs: 2_000 } } }]);
    expect(plan.outbox).toEqual([]);
  });

  it.each([
    ['out of retries', { retryCount: 3 }, 'retries-exhausted'],
    ['refused for its own input', { error: { code: 'CapabilityInputError', message: 'bad', retriable: false } }, 'task-rejected'],
  ])('dead-letters a task %s, with its letter, its dlq.record and a system event', (_why, overrides, reasonCode) => {
    const plan = settle([failedTask(overrides)]);

    const [settlement] = plan.settlements;
    expect(settlement && 'dead' in settlement && settlement.dead.letter).toMatchObject({ reasonCode, taskId: failedTask().id, failedBy: 'worker-alpha' });
    expect(topics(plan)).toEqual(['syntor.dlq:dlq.record', 'syntor.system.events:system.event']);
    // The stored letter and the published record share an id, so the dead-letters function stores it once.
    const record = JSON.parse(plan.outbox[0]!.value) as { id: string };
    expect(settlement && 'dead' in settlement && settlement.dead.letterId).toBe(record.id);
  });

  it('re-queues an assignment that never left the outbox at once, without counting it', () => {
    const plan = settle([failedTask({ undelivered: true, retryCount: 3, error: { code: 'assignment-undelivered', message: 'broker down', retriable: true } })]);

    expect(plan.settlements).toEqual([{ taskId: failedTask().id, retry: { availableAt: new Date(NOW), countRetry: false, detail: { undelivered: true } } }]);
    expect(topics(plan)).toEqual(['syntor.system.events:system.event']);
  });

  it('announces an expired lease', () => {
    const plan = settle([failedTask({ error: { code: 'lease-expired', message: 'silent', retriable: true } })]);

    expect(JSON.parse(plan.outbox[0]!.value)).toMatchObject({ type: 'system.event', payload: { event: 'task.lease_expired', subject: failedTask().id } });
  });
});

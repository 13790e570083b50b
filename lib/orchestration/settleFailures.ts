import { randomUUID } from 'node:crypto';
import { createMessage, redactSecrets, TOPICS, type DeadLetterPayload, type PayloadInput } from '../contracts/index.js';
import type { ExpiredTask, OutboxRecord, Settle, Settlement, StoredTask } from '../store/index.js';
import { outboxRecord } from './outboxRecord.js';
import { retryDelayMs, shouldRetry } from './retryPolicy.js';
import { systemEventRecords } from './systemEvents.js';

type Policy = { retryBaseMs: number; retryMaxMs: number };

/**
 * The one place a failed attempt is settled, for completions and expired leases alike: retried
 * with backoff while retries remain and the failure is retriable, else dead — with its stored dead
 * letter, its dlq.record and a system event, all written in the transaction that failed it.
 * An assignment that never left the outbox is retried without counting: neither the task nor
 * the agent failed, the broker did.
 */
export function settleFailures(policy: Policy, actor: string, now: () => number = Date.now): Settle {
  return (failed) => {
    const settlements: Settlement[] = [];
    const outbox: OutboxRecord[] = [];
    const events: PayloadInput<'system.event'>[] = [];
    for (const task of failed) {
      const undelivered = (task as Partial<ExpiredTask>).undelivered === true;
      if (task.error?.code === 'lease-expired' || undelivered) {
        events.push({ event: 'task.lease_expired', subject: task.id, severity: 'warning', details: { agent: task.assignedAgent, attempt: task.attempt, undelivered } });
      }
      if (undelivered) {
        settlements.push({ taskId: task.id, retry: { availableAt: new Date(now()), countRetry: false, detail: { undelivered: true } } });
      } else if (shouldRetry(task, task.error)) {
        const delayMs = retryDelayMs(task.retryCount, policy);
        settlements.push({ taskId: task.id, retry: { availableAt: new Date(now() + delayMs), countRetry: true, detail: { retry: task.retryCount + 1, delayMs } } });
      } else {
        const { letterId, letter } = deadLetterOf(task, actor, now);
        settlements.push({ taskId: task.id, dead: { letterId, letter } });
        outbox.push(outboxRecord(createMessage('dlq.record', letter, { source: 'coordination', id: letterId }), { key: task.id, traceparent: task.traceparent }));
        events.push({ event: 'task.dead_lettered', subject: task.id, severity: 'critical', details: { type: task.type, reason: letter.reason } });
      }
    }
    return { settlements, outbox: [...outbox, ...systemEventRecords(events)] };
  };
}

/** A dead task's letter; its id is the dlq.record's, so the dead-letters function stores it once. */
function deadLetterOf(task: StoredTask, actor: string, now: () => number): { letterId: string; letter: DeadLetterPayload } {
  const error = task.error;
  return {
    letterId: randomUUID(),
    letter: {
      reason: error ? `${error.code}: ${error.message}` : 'attempts exhausted',
      reasonCode: error?.retriable === false ? 'task-rejected' : 'retries-exhausted',
      origin: { topic: TOPICS.taskAssignment, partition: 0, offset: '0', key: task.id },
      // Redacted: the letter is served by GET /dlq and a redrive starts again from the task's row, not from here.
      value: Buffer.from(JSON.stringify({ type: task.type, payload: redactSecrets(task.payload) })).toString('base64'),
      failedBy: task.assignedAgent ?? actor,
      failedAt: new Date(now()).toISOString(),
      taskId: task.id,
      details: { attempts: task.attempt, retryCount: task.retryCount, error },
    },
  };
}

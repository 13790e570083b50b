import { randomUUID } from 'node:crypto';
import { createMessage, TOPICS, type DeadLetterPayload, type ErrorInfo } from '../contracts/index.js';
import { taskMetrics } from '../observability/metrics.js';
import type { StoredTask } from '../store/index.js';
import type { Deps } from './deps.js';
import { publishSystemEvents } from './systemEvents.js';

/**
 * A task out of attempts: moves it failed → dead and publishes its dead letter on syntor.dlq (the
 * coordination agent's `dead-letters` function stores every dlq record, this one included) and a
 * system event.
 */
export async function buryTask(deps: Deps, task: StoredTask, error: ErrorInfo | undefined, actor: string): Promise<boolean> {
  const moved = await deps.tasks.transition(task.id, { to: 'dead', from: ['failed'], actor, detail: { error } });
  if (!moved.applied) return false;
  const letter: DeadLetterPayload = {
    reason: error ? `${error.code}: ${error.message}` : 'attempts exhausted',
    reasonCode: error?.retriable === false ? 'task-rejected' : 'retries-exhausted',
    origin: { topic: TOPICS.taskAssignment, partition: 0, offset: '0', key: task.id },
    value: Buffer.from(JSON.stringify({ type: task.type, payload: task.payload })).toString('base64'),
    failedBy: task.assignedAgent ?? actor,
    failedAt: new Date().toISOString(),
    taskId: task.id,
    details: { attempts: moved.task.attempt, retryCount: moved.task.retryCount, error },
  };
  await deps.producer.publish(createMessage('dlq.record', letter, { source: 'coordination', id: randomUUID() }), {
    key: task.id,
    ...(task.traceparent ? { traceparent: task.traceparent } : {}),
  });
  taskMetrics.deadLettered.inc({ type: task.type, code: error?.code ?? 'unknown' });
  taskMetrics.dlqRecords.inc({ function: 'coordination', reason: letter.reasonCode });
  await publishSystemEvents(deps, [
    { event: 'task.dead_lettered', subject: task.id, severity: 'critical', details: { type: task.type, reason: letter.reason } },
  ]);
  return true;
}

/**
 * Redrives a dead letter: a dead task goes back to pending with a fresh set of retries; a raw record
 * is published again, as it was, to the topic it came from.
 */
export async function redrive(deps: Deps, id: string, actor: string): Promise<{ ok: true; taskId?: string } | { ok: false; reason: string }> {
  const letter = await deps.deadLetters.get(id);
  if (!letter) return { ok: false, reason: `no dead letter ${id}` };
  if (letter.taskId) {
    const moved = await deps.tasks.transition(letter.taskId, { to: 'pending', from: ['dead'], actor, changes: { error: null, availableAt: new Date() }, detail: { redrive: id } });
    if (!moved.applied) return { ok: false, reason: moved.reason === 'not-found' ? `task ${letter.taskId} no longer exists` : `task ${letter.taskId} is ${moved.task.status}, not dead` };
    await deps.pool.query('UPDATE tasks SET retry_count = 0 WHERE id = $1', [letter.taskId]);
    await deps.deadLetters.markRedriven(id);
    await publishSystemEvents(deps, [{ event: 'task.redriven', subject: letter.taskId, details: { deadLetter: id } }]);
    return { ok: true, taskId: letter.taskId };
  }
  await deps.producer.sendRaw(letter.origin.topic, [
    { key: letter.origin.key ?? null, value: letter.value === null ? null : Buffer.from(letter.value, 'base64') },
  ]);
  await deps.deadLetters.markRedriven(id);
  return { ok: true };
}

import { ALL_TOPICS, isTopicName } from '../contracts/index.js';
import { relaySoon, type RelayDeps } from './outboxRelay.js';
import type { DeadLetterArchive, EventBus, TaskRepository } from './ports.js';
import { systemEventRecords } from './systemEvents.js';

/** What a redrive calls: the dead letters, the repository's redrive for a task's, the broker for a raw record's. */
export type RedriveDeps = RelayDeps & {
  deadLetters: Pick<DeadLetterArchive, 'get' | 'markRedriven'>;
  tasks: Pick<TaskRepository, 'redrive'>;
  producer: Pick<EventBus, 'sendRaw'>;
};

/**
 * Redrives a dead letter: a dead task goes back to pending with a fresh set of retries (one
 * transaction with the letter's redrive mark and its system event); a raw record is published
 * again, as it was, to the topic it came from — only if that is a SYNTOR topic: a letter's origin is
 * whatever the failed record or its producer claimed, and a redrive must not write where it names.
 */
export async function redrive(deps: RedriveDeps, id: string, actor: string): Promise<{ ok: true; taskId?: string } | { ok: false; reason: string }> {
  const letter = await deps.deadLetters.get(id);
  if (!letter) return { ok: false, reason: `no dead letter ${id}` };
  if (letter.taskId) {
    const moved = await deps.tasks.redrive(id, letter.taskId, actor, systemEventRecords([{ event: 'task.redriven', subject: letter.taskId, details: { deadLetter: id } }]));
    if (!moved.applied) return { ok: false, reason: moved.status === undefined ? `task ${letter.taskId} no longer exists` : `task ${letter.taskId} is ${moved.status}, not dead` };
    await relaySoon(deps, moved.outboxIds);
    return { ok: true, taskId: letter.taskId };
  }
  if (!isTopicName(letter.origin.topic)) {
    return { ok: false, reason: `dead letter ${id} came from ${letter.origin.topic}, which is not a SYNTOR topic (${ALL_TOPICS.join(', ')}): it is redriven only to those` };
  }
  await deps.producer.sendRaw(letter.origin.topic, [
    { key: letter.origin.key ?? null, value: letter.value === null ? null : Buffer.from(letter.value, 'base64') },
  ]);
  await deps.deadLetters.markRedriven(id);
  return { ok: true };
}

import { createMessage, type PayloadInput } from '../contracts/index.js';
import type { OutboxRecord } from '../store/index.js';
import { outboxRecord } from './outboxRecord.js';
import { relaySoon, type RelayDeps } from './outboxRelay.js';
import type { Outbox } from './ports.js';

/** What publishing system events calls: the outbox, written to and relayed. */
export type PublishDeps = RelayDeps & { outbox: Pick<Outbox, 'enqueue'> };

/** Lifecycle events as outbox rows, for a caller writing them in its own transaction. */
export function systemEventRecords(events: readonly PayloadInput<'system.event'>[]): OutboxRecord[] {
  return events.map((event) => outboxRecord(createMessage('system.event', event, { source: 'coordination' }), { key: event.subject }));
}

/**
 * Publishes lifecycle events others may react to (dead-lettered, unroutable, circuit changes…)
 * through the outbox, so an event whose state change committed is never lost to a broker outage.
 */
export async function publishSystemEvents(deps: PublishDeps, events: readonly PayloadInput<'system.event'>[]): Promise<void> {
  if (events.length === 0) return;
  const ids = await deps.outbox.enqueue(systemEventRecords(events));
  await relaySoon(deps, ids);
}

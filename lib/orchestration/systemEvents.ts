import { createMessage, type PayloadInput } from '../contracts/index.js';
import type { Deps } from './deps.js';

/** Publishes lifecycle events others may react to (dead-lettered, unroutable, circuit changes…). */
export async function publishSystemEvents(deps: Deps, events: readonly PayloadInput<'system.event'>[]): Promise<void> {
  if (events.length === 0) return;
  await deps.producer.publishAll(
    events.map((event) => ({ message: createMessage('system.event', event, { source: 'coordination' }), options: { key: event.subject } })),
  );
}

import { randomUUID } from 'node:crypto';
import { MESSAGE_TYPES, type MessageOf, type MessageType, type PayloadInput } from './messages.js';

export interface CreateMessageOptions {
  source: string;
  target?: string;
  correlationId?: string;
  replyTo?: string;
  ttlMs?: number;
  id?: string;
  now?: Date;
}

/**
 * Builds a validated envelope for a message type, filling id and timestamp.
 *
 * @throws ZodError when the payload does not match its type's schema (a programming error).
 * @example
 * createMessage('agent.heartbeat', { agent: 'worker', instanceId: 'i-1', inFlight: 0, capacity: 4 }, { source: 'worker' });
 */
export function createMessage<T extends MessageType>(
  type: T,
  payload: PayloadInput<T>,
  options: CreateMessageOptions,
): MessageOf<T> {
  const { now = new Date(), id = randomUUID(), ...rest } = options;
  return {
    id,
    type,
    ...rest,
    timestamp: now.toISOString(),
    payload: MESSAGE_TYPES[type].payload.parse(payload),
  } as MessageOf<T>;
}

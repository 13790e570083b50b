import { z } from 'zod';
import { isoTimestampSchema } from './common.js';

/**
 * Every Kafka value in SYNTOR is one of these, serialised as JSON. The payload is validated
 * separately, by message type (see `messages.ts`), so an envelope can be routed before its
 * payload is understood.
 */
export const envelopeSchema = z.object({
  id: z.uuid(),
  type: z.string().regex(/^[a-z]+(?:\.[a-z_]+)+$/, 'a dotted message type such as "task.assign"'),
  source: z.string().min(1),
  target: z.string().min(1).optional(),
  correlationId: z.string().min(1).optional(),
  replyTo: z.string().min(1).optional(),
  timestamp: isoTimestampSchema,
  ttlMs: z.number().int().positive().optional(),
  payload: z.unknown(),
});

export type Envelope<P = unknown> = Omit<z.infer<typeof envelopeSchema>, 'payload'> & { payload: P };

/** True when the envelope carried a TTL and it has passed. */
export function isExpired(envelope: Pick<Envelope, 'timestamp' | 'ttlMs'>, now: Date = new Date()): boolean {
  if (envelope.ttlMs === undefined) return false;
  return Date.parse(envelope.timestamp) + envelope.ttlMs < now.getTime();
}

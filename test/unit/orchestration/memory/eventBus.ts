import type { EventBus } from '../../../../lib/orchestration/ports.js';

/** A sent record, its value read back as the envelope it carries. */
export interface SentMessage {
  topic: string;
  key: string | null;
  type: string;
  target?: string;
  payload: Record<string, unknown>;
}

/** The broker in memory: it keeps what was sent, so a test reads what others would have received. */
export function createMemoryEventBus() {
  const sent: SentMessage[] = [];
  let reachable = true;
  return {
    async sendRaw(topic: string, records: Parameters<EventBus['sendRaw']>[1]) {
      if (!reachable) throw new Error('the broker is unreachable');
      for (const { key, value } of records) {
        const envelope = JSON.parse(String(value)) as { type: string; target?: string; payload: Record<string, unknown> };
        sent.push({ topic, key: key === undefined || key === null ? null : String(key), type: envelope.type, payload: envelope.payload, ...(envelope.target ? { target: envelope.target } : {}) });
      }
      return [];
    },
    /** From now on every send fails, as while the broker is down; `up` ends it. */
    down(): void {
      reachable = false;
    },
    up(): void {
      reachable = true;
    },
    /** Every message sent, in order; of one type when given. */
    sent(type?: string): SentMessage[] {
      return type === undefined ? [...sent] : sent.filter((m) => m.type === type);
    },
    /** The payloads of the `system.event`s sent, in order. */
    systemEvents(): { event: string; subject: string; details?: Record<string, unknown> }[] {
      return sent.filter((m) => m.type === 'system.event').map((m) => m.payload as { event: string; subject: string; details?: Record<string, unknown> });
    },
  };
}

export type MemoryEventBus = ReturnType<typeof createMemoryEventBus>;

import { randomUUID } from 'node:crypto';
import type { DeadLetterPayload } from '../../../../lib/contracts/index.js';
import type { StoredDeadLetter } from '../../../../lib/store/index.js';

/** The dead letters in memory: a letter stored twice under one id is kept once, as in PostgreSQL. */
export function createMemoryDeadLetterArchive() {
  const letters = new Map<string, StoredDeadLetter>();
  return {
    async add(letter: DeadLetterPayload, id: string = randomUUID()): Promise<StoredDeadLetter> {
      const stored = letters.get(id) ?? { ...letter, id, redriveCount: 0 };
      letters.set(id, stored);
      return stored;
    },
    /** Every letter stored. */
    all(): StoredDeadLetter[] {
      return [...letters.values()];
    },
  };
}

export type MemoryDeadLetterArchive = ReturnType<typeof createMemoryDeadLetterArchive>;

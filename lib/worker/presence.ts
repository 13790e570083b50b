import { createMessage } from '../contracts/index.js';
import type { SyntorProducer } from '../kafka/index.js';
import type { WorkerDefinition } from './types.js';

/** Heartbeats go out at most this often per instance (the schedule covers idle instances). */
const HEARTBEAT_EVERY_MS = 5_000;

/**
 * Registration on cold start and heartbeats while working, per instance: what the coordinator's
 * registry and router see. `inFlight` counts this instance's running tasks.
 */
export function createPresence(worker: WorkerDefinition, instanceId: string, producer: () => Promise<SyntorProducer>) {
  let registered = false;
  let lastBeat = 0;
  let inFlight = 0;
  const source = worker.name;
  const instance = `${worker.name}-${instanceId}`;

  return {
    started: () => (inFlight += 1),
    finished: () => (inFlight = Math.max(0, inFlight - 1)),
    /** Registers once, then heartbeats when due (or always with `force`, as the schedule does). */
    async announce(force = false): Promise<void> {
      const now = Date.now();
      if (registered && !force && now - lastBeat < HEARTBEAT_EVERY_MS) return;
      const message = registered
        ? createMessage('agent.heartbeat', { agent: worker.name, instanceId: instance, inFlight, capacity: worker.concurrency }, { source })
        : createMessage(
            'agent.register',
            {
              agent: worker.name,
              instanceId: instance,
              kind: worker.kind ?? 'worker',
              capabilities: worker.capabilities.map((c) => c.name),
              concurrency: worker.concurrency,
              ...(worker.version ? { version: worker.version } : {}),
              startedAt: new Date().toISOString(),
            },
            { source },
          );
      await (await producer()).publish(message, { key: worker.name });
      registered = true;
      lastBeat = now;
    },
  };
}

export type Presence = ReturnType<typeof createPresence>;

import { setTimeout as sleep } from 'node:timers/promises';
import type { HarnessProcess } from './harnessProcess.js';
import type { OwnKafka } from './ownKafka.js';
import type { OwnPostgres } from './ownPostgres.js';
import type { OwnRedis } from './ownRedis.js';
import type { FaultName, FaultRecord } from './types.js';

export interface ChaosTargets {
  readonly postgres: OwnPostgres;
  readonly redis: OwnRedis;
  readonly kafka: OwnKafka;
  readonly harness: HarnessProcess;
}

/** What each fault does; each resolves when the service answers again. */
export function injectors(targets: ChaosTargets, downMs: number): Record<FaultName, () => Promise<void>> {
  return {
    postgres: () => targets.postgres.restart('fast'),
    'postgres-immediate': () => targets.postgres.restart('immediate'),
    redis: () => targets.redis.restartEmpty(downMs),
    harness: () => targets.harness.killAndRestart(downMs),
    kafka: () => targets.kafka.killAndRestart(downMs),
  };
}

/**
 * Injects `faults` one after another while the load runs: `gapMs` of undisturbed load first, then
 * each fault, then `gapMs` again, so each fault's effect can be told from the next one's. A fault
 * that cannot be injected or whose service does not come back is recorded with its error and the
 * schedule goes on.
 */
export async function runFaults(options: {
  readonly faults: readonly FaultName[];
  readonly targets: ChaosTargets;
  readonly downMs: number;
  readonly gapMs: number;
  readonly log?: (line: string) => void;
}): Promise<FaultRecord[]> {
  const log = options.log ?? (() => undefined);
  const inject = injectors(options.targets, options.downMs);
  const records: FaultRecord[] = [];
  await sleep(options.gapMs);
  for (const name of options.faults) {
    const at = Date.now();
    log(`Fault: ${name}…`);
    let error: string | undefined;
    try {
      await inject[name]();
    } catch (caught) {
      error = (caught as Error).message;
    }
    const restoredAt = Date.now();
    records.push({ name, at, restoredAt, ...(error === undefined ? {} : { error }) });
    log(error === undefined ? `Fault: ${name} injected; service back after ${restoredAt - at} ms` : `Fault: ${name} FAILED after ${restoredAt - at} ms: ${error}`);
    await sleep(options.gapMs);
  }
  return records;
}

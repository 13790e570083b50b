import { parseArgs } from 'node:util';
import { FULL_RUN, SHORT_RUN } from './constants.js';
import { ChaosUsageError } from './errors.js';
import { FAULT_NAMES, type ChaosOptions, type FaultName } from './types.js';

export const USAGE = `Usage: npm run chaos -- [options]

Starts its own PostgreSQL, Redis and Kafka (free ports, a temporary folder; the shared services on
5432, 6379 and 9092 are never touched) and the harness as a child process, submits tasks over HTTP
(POST /tasks, an idempotency key each, retried on errors) while it injects faults, then checks in
PostgreSQL that every acknowledged task reached exactly one terminal state, once. Exits 1 on any
violation, printing the figures, each fault's recovery times and the first failure reasons.

Options:
  --tasks N         submit at least N tasks (default ${FULL_RUN.tasks}; more while faults are still running)
  --rate N          submissions per second (default ${FULL_RUN.rate})
  --faults a,b      faults in order, each once (default ${FULL_RUN.faults.join(',')}); any of:
                      postgres            pg_ctl restart -m fast under load
                      postgres-immediate  pg_ctl restart -m immediate (a crash, then recovery)
                      redis               SIGKILL redis-server, start an empty one on the same port
                      harness             SIGKILL the harness, start it again
                      kafka               SIGKILL the broker, start it again on the same state folder
  --no-faults       no faults at all (a baseline)
  --failing-share X share of tasks built to fail permanently, which must end dead (default ${FULL_RUN.failingShare})
  --down-ms N       how long a killed service stays down (default ${FULL_RUN.downMs})
  --drain-seconds N wait at most N s for the backlog after the load (default ${FULL_RUN.drainTimeoutMs / 1000})
  --short           the CI form: ${SHORT_RUN.tasks} tasks at ${SHORT_RUN.rate}/s, faults ${SHORT_RUN.faults.join(',')}
  --keep            keep the work folder (logs, data) even when the run passes
  -h, --help        this text`;

function positive(flag: string, raw: string | undefined, fallback: number, { integer = true, max = Infinity } = {}): number {
  if (raw === undefined) return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value < 0 || value > max || (integer && !Number.isInteger(value))) {
    throw new ChaosUsageError(`${flag} expects a ${integer ? 'whole ' : ''}number from 0 to ${max}, got "${raw}"`);
  }
  return value;
}

/** @throws ChaosUsageError naming the bad flag and what it expects. */
export function parseChaosArgs(argv: readonly string[]): { help: true } | { help: false; options: Omit<ChaosOptions, 'log'> } {
  let values;
  try {
    ({ values } = parseArgs({
      args: [...argv],
      options: {
        help: { type: 'boolean', short: 'h' },
        tasks: { type: 'string' },
        rate: { type: 'string' },
        faults: { type: 'string' },
        'no-faults': { type: 'boolean' },
        'failing-share': { type: 'string' },
        'down-ms': { type: 'string' },
        'drain-seconds': { type: 'string' },
        short: { type: 'boolean' },
        keep: { type: 'boolean' },
      },
    }));
  } catch (error) {
    throw new ChaosUsageError((error as Error).message);
  }
  if (values.help) return { help: true };
  const base = values.short ? SHORT_RUN : FULL_RUN;
  const faults = values['no-faults'] ? [] : values.faults === undefined ? base.faults : values.faults.split(',').map((f) => f.trim()).filter(Boolean);
  const unknown = faults.filter((f) => !(FAULT_NAMES as readonly string[]).includes(f));
  if (unknown.length > 0) throw new ChaosUsageError(`Unknown fault(s): ${unknown.join(', ')}. Known: ${FAULT_NAMES.join(', ')}`);
  const rate = positive('--rate', values.rate, base.rate, { integer: false, max: 1_000 });
  if (rate === 0) throw new ChaosUsageError('--rate must be above 0');
  return {
    help: false,
    options: {
      tasks: positive('--tasks', values.tasks, base.tasks, { max: 1_000_000 }),
      rate,
      faults: faults as FaultName[],
      failingShare: positive('--failing-share', values['failing-share'], base.failingShare, { integer: false, max: 1 }),
      downMs: positive('--down-ms', values['down-ms'], base.downMs, { max: 600_000 }),
      drainTimeoutMs: positive('--drain-seconds', values['drain-seconds'], base.drainTimeoutMs / 1000, { max: 86_400 }) * 1000,
      keepWorkDir: values.keep ?? false,
    },
  };
}

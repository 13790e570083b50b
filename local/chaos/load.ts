import { setTimeout as sleep } from 'node:timers/promises';
import { SUBMIT_BACKOFF, SUBMIT_CONCURRENCY, SUBMIT_GIVE_UP_MS } from './constants.js';
import { createSemaphore } from './semaphore.js';
import { submitOnce } from './submitOnce.js';
import { chaosTask } from './taskMix.js';
import type { Acknowledged, LoadResult } from './types.js';

export interface LoadOptions {
  readonly url: string;
  readonly runId: string;
  /** Submit at least this many. */
  readonly tasks: number;
  readonly rate: number;
  readonly failingShare: number;
  /** Asked after `tasks` were submitted: true keeps submitting (faults are still being injected). */
  readonly keepGoing: () => boolean;
  readonly log?: (line: string) => void;
}

const FIRST_ERRORS_KEPT = 8;
const GIVE_UPS_LOGGED = 3;

/**
 * Submits tasks over HTTP at `rate` per second, each with its own idempotency key, retrying every
 * failed attempt with capped exponential backoff (and jitter) until it is acknowledged or
 * {@link SUBMIT_GIVE_UP_MS} passed. At most {@link SUBMIT_CONCURRENCY} requests are open at once, as
 * with a client's connection pool: an outage must not turn into an unbounded retry storm. Resolves when every submission has an outcome.
 */
export async function runLoad(options: LoadOptions): Promise<LoadResult> {
  const log = options.log ?? (() => undefined);
  const acknowledged: Acknowledged[] = [];
  const errors: Record<string, number> = {};
  const firstErrors: string[] = [];
  let abandoned = 0;
  const slots = createSemaphore(SUBMIT_CONCURRENCY);

  const submit = async (index: number) => {
    const task = chaosTask(options.runId, index, options.failingShare);
    const giveUpAt = Date.now() + SUBMIT_GIVE_UP_MS;
    let delay: number = SUBMIT_BACKOFF.firstMs;
    for (let attempt = 1; ; attempt++) {
      const outcome = await slots.run(() => submitOnce(options.url, task.body));
      if (outcome.ok) {
        acknowledged.push({ key: task.body.idempotencyKey as string, id: outcome.id, designedToFail: task.designedToFail, ackedAt: Date.now(), attempts: attempt });
        return;
      }
      errors[outcome.kind] = (errors[outcome.kind] ?? 0) + 1;
      if (firstErrors.length < FIRST_ERRORS_KEPT && !firstErrors.some((e) => e.startsWith(`${outcome.kind}:`))) {
        firstErrors.push(`${outcome.kind}: ${outcome.detail} (task ${index}, at ${new Date().toISOString()})`);
      }
      if (!outcome.retriable || Date.now() + delay > giveUpAt) {
        abandoned++;
        if (abandoned <= GIVE_UPS_LOGGED || abandoned % 100 === 0) log(`Load: task ${index} given up after ${attempt} attempts (${outcome.detail}); ${abandoned} given up so far`);
        return;
      }
      await sleep(delay * (0.5 + Math.random()));
      delay = Math.min(delay * 2, SUBMIT_BACKOFF.maxMs);
    }
  };

  const startedAt = Date.now();
  const pending: Promise<void>[] = [];
  for (let index = 0; index < options.tasks || options.keepGoing(); index++) {
    const due = startedAt + (index * 1000) / options.rate;
    if (due > Date.now()) await sleep(due - Date.now());
    pending.push(submit(index));
  }
  const submitted = pending.length;
  log(`Load: ${submitted} tasks submitted in ${((Date.now() - startedAt) / 1000).toFixed(1)} s; waiting for the last answers…`);
  await Promise.all(pending);
  return { submitted, acknowledged, abandoned, errors, firstErrors, startedAt, endedAt: Date.now() };
}

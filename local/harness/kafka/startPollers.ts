import type { TriggerStatus } from '../triggerStatus.js';
import { POLLER_LIMITS } from './constants.js';
import { consumerLag } from './consumerLag.js';
import { startKafkaTrigger, type KafkaTriggerOptions, type RunningKafkaTrigger } from './kafkaTrigger.js';
import { pollerBounds, scaleStep, type PollerBounds } from './pollerScaling.js';
import { applyStartingTimestamp } from './startingPosition.js';

export interface PollersOptions extends Omit<KafkaTriggerOptions, 'instance'> {
  /** `--instances`: exactly this many pollers, no scaling. */
  instances?: number;
  /** @default 60 s, Lambda's evaluation interval */
  scaleIntervalMs?: number;
}

export interface RunningPollers {
  readonly bounds: PollerBounds;
  /** One status per running poller. */
  statuses(): TriggerStatus[];
  count(): number;
  stop(): Promise<void>;
}

/**
 * A trigger's event source mapping: its pollers, started at the minimum and scaled on the group's
 * offset lag between the bounds of {@link pollerBounds}, newest removed first.
 *
 * @example
 * const pollers = await startPollers({ ...triggerOptions, instances: cli.instances[functionId] });
 */
export async function startPollers(options: PollersOptions): Promise<RunningPollers> {
  const { kafka, trigger, groupId, log } = options;
  await applyStartingTimestamp(kafka, groupId, trigger, log);
  const admin = kafka.admin();
  await admin.connect();
  const [metadata] = (await admin.fetchTopicMetadata({ topics: [trigger.topic] })).topics;
  const bounds = pollerBounds(trigger, metadata?.partitions.length ?? 1, options.instances);
  const pollers: RunningKafkaTrigger[] = [];
  let nextInstance = 1;
  let stopping = false;
  let previousLag: number | undefined;
  let evaluating: Promise<void> = Promise.resolve();

  const add = async () => {
    const poller = await startKafkaTrigger({ ...options, instance: nextInstance++ });
    pollers.push(poller);
  };

  try {
    await Promise.all(Array.from({ length: bounds.minimum }, add));
  } catch (error) {
    await Promise.all(pollers.map((p) => p.stop()));
    await admin.disconnect();
    throw error;
  }

  async function evaluate() {
    try {
      const lag = await consumerLag(admin, groupId, trigger.topic);
      const step = scaleStep(lag, previousLag, pollers.length, bounds, trigger.batchSize);
      previousLag = lag;
      if (stopping || step === 0) return;
      if (step > 0) await add();
      else await pollers.pop()!.stop();
      log.info(`${options.functionId}: ${step > 0 ? 'added' : 'removed'} a poller (offset lag ${lag}); ${pollers.length} of ${bounds.minimum}–${bounds.maximum}`);
    } catch (error) {
      log.warn(`${options.functionId}: cannot evaluate the offset lag: ${(error as Error).message}`);
    }
  }

  const fixed = bounds.minimum === bounds.maximum;
  // A fixed count never asks for the lag: the admin client is not kept.
  if (fixed) await admin.disconnect();
  const timer = fixed
    ? undefined
    : setInterval(() => {
        evaluating = evaluating.then(evaluate);
      }, options.scaleIntervalMs ?? POLLER_LIMITS.scaleIntervalMs);

  return {
    bounds,
    // In instance order, and still there once stopped (a harness's last word on its pollers).
    statuses: () => pollers.map((p) => p.status()).sort((a, b) => a.instance - b.instance),
    count: () => pollers.length,
    async stop() {
      stopping = true;
      clearInterval(timer);
      await evaluating;
      await Promise.all(pollers.map((p) => p.stop()));
      if (!fixed) await admin.disconnect();
    },
  };
}

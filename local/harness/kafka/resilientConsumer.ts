import { setTimeout as sleep } from 'node:timers/promises';
import type { Consumer, ConsumerConfig, ConsumerRunConfig, Kafka } from 'kafkajs';
import type { HarnessLog } from '../log.js';
import { backoffMs, type RetryPolicy } from './backoff.js';

export interface ResilientConsumerOptions {
  readonly kafka: Kafka;
  readonly config: ConsumerConfig;
  readonly topic: string;
  readonly fromBeginning: boolean;
  readonly run: ConsumerRunConfig;
  /** Called for every consumer made, before it connects: attach its event listeners here. */
  readonly setup?: (consumer: Consumer) => void;
  /** Names this consumer in log lines. */
  readonly name: string;
  readonly log: HarnessLog;
  /** @default 1 s doubling to 30 s */
  readonly retry?: RetryPolicy;
}

export interface ResilientConsumer {
  /** The consumer now running (a new one after each crash): commit, pause and resume on it. */
  current(): Consumer;
  /** Times a crashed consumer was replaced. */
  restarts(): number;
  stop(): Promise<void>;
}

const RESTART_RETRY: RetryPolicy = { initialMs: 1_000, maxMs: 30_000 };

/**
 * A kafkajs consumer that outlives a crash. kafkajs restarts a crashed consumer itself only when the
 * error was retriable; otherwise (`CRASH` with `restart: false`, e.g. a broker that came back without
 * the group coordinator it had) the consumer stays disconnected for good. This replaces it with a new
 * one, retrying with backoff for as long as it takes, with one log line when it goes down and one
 * when it runs again.
 *
 * At start a broker that cannot be reached is an error (the harness says so and exits); after start,
 * recovery never gives up.
 */
export async function startResilientConsumer(options: ResilientConsumerOptions): Promise<ResilientConsumer> {
  const { log, name } = options;
  const retry = options.retry ?? RESTART_RETRY;
  let stopping = false;
  let restarts = 0;
  let restarting: Promise<void> | undefined;
  const stopSleep = new AbortController();

  const make = (): Consumer => {
    const consumer = options.kafka.consumer(options.config);
    options.setup?.(consumer);
    consumer.on(consumer.events.CRASH, ({ payload }) => {
      if (payload.restart || stopping || consumer !== current) return;
      log.error(`${name}: consumer crashed and kafkajs will not restart it (${payload.error.message}); replacing it`);
      restarting ??= replace().finally(() => (restarting = undefined));
    });
    return consumer;
  };

  const begin = async (consumer: Consumer) => {
    await consumer.connect();
    await consumer.subscribe({ topic: options.topic, fromBeginning: options.fromBeginning });
    await consumer.run(options.run);
  };

  async function replace(): Promise<void> {
    for (let attempt = 1; !stopping; attempt += 1) {
      await current.disconnect().catch(() => undefined);
      if (stopping) return;
      current = make();
      try {
        await begin(current);
        restarts += 1;
        log.warn(`${name}: consumer running again after ${attempt} attempt${attempt === 1 ? '' : 's'}`);
        return;
      } catch (error) {
        if (attempt === 1) log.warn(`${name}: cannot restart the consumer yet (${(error as Error).message}); retrying with backoff`);
        await sleep(backoffMs(attempt, retry), undefined, { signal: stopSleep.signal }).catch(() => undefined);
      }
    }
  }

  let current = make();
  try {
    await begin(current);
  } catch (error) {
    await current.disconnect().catch(() => undefined);
    throw error;
  }
  return {
    current: () => current,
    restarts: () => restarts,
    async stop() {
      stopping = true;
      stopSleep.abort();
      await restarting;
      await current.disconnect();
    },
  };
}

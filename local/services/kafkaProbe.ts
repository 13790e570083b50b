import { Kafka, logLevel } from 'kafkajs';
import { PROBE_TIMEOUT_MS } from './constants.js';
import { sleep } from './processes.js';

export type KafkaProbe =
  | { readonly reachable: true; readonly brokers: number; readonly clusterId: string }
  | { readonly reachable: false; readonly error: string };

/**
 * One `describeCluster()` against `brokers`, without kafkajs' own retries or logging: the strongest
 * readiness signal, since the broker opens its listener only once it can serve metadata.
 */
export async function probeKafka(brokers: readonly string[], timeoutMs = PROBE_TIMEOUT_MS): Promise<KafkaProbe> {
  const kafka = new Kafka({
    clientId: 'syntor-services-probe',
    brokers: [...brokers],
    connectionTimeout: timeoutMs,
    requestTimeout: timeoutMs,
    retry: { retries: 0 },
    logLevel: logLevel.NOTHING,
  });
  const admin = kafka.admin();
  try {
    await admin.connect();
    const cluster = await admin.describeCluster();
    return { reachable: true, brokers: cluster.brokers.length, clusterId: cluster.clusterId };
  } catch (error) {
    return { reachable: false, error: error instanceof Error ? error.message : String(error) };
  } finally {
    await admin.disconnect().catch(() => undefined);
  }
}

export interface WaitForKafkaOptions {
  readonly timeoutMs: number;
  readonly intervalMs?: number;
  /** Checked between attempts: stop waiting at once when the broker process has died. */
  readonly gaveUp?: () => boolean;
}

/** Retries {@link probeKafka} until it succeeds, the timeout passes or `gaveUp()` says so. */
export async function waitForKafka(brokers: readonly string[], options: WaitForKafkaOptions): Promise<KafkaProbe> {
  const deadline = Date.now() + options.timeoutMs;
  let last: KafkaProbe = { reachable: false, error: 'not tried' };
  while (Date.now() < deadline && !options.gaveUp?.()) {
    last = await probeKafka(brokers, Math.min(PROBE_TIMEOUT_MS, Math.max(250, deadline - Date.now())));
    if (last.reachable) return last;
    await sleep(options.intervalMs ?? 250);
  }
  return last;
}

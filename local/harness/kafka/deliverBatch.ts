import type { KafkaTrigger } from '../../../lib/contracts/index.js';
import type { HarnessLog } from '../log.js';
import { backoffMs, type RetryPolicy } from './backoff.js';
import type { BatchOutcome } from './batchResponse.js';
import { commitAll, commitPartial, type BufferedRecord, type CommitOffsets } from './commitPlan.js';
import { POLLER_FAILURES } from './constants.js';
import type { LambdaFailure } from './lambdaFailureRecord.js';

export interface BatchDelivery {
  readonly trigger: Pick<KafkaTrigger, 'bisectBatchOnFunctionError' | 'maximumRecordAgeInSeconds'>;
  /** Retries after the first attempt (see `effectiveRetryAttempts`); -1 = until it succeeds. */
  readonly retries: number;
  readonly retry: RetryPolicy;
  readonly name: string;
  readonly log: HarnessLog;
  invoke(items: readonly BufferedRecord[]): Promise<BatchOutcome>;
  commit(offsets: CommitOffsets): void;
  /** Resolves true once the records are on syntor.dlq, false if the poller stopped first. */
  deadLetter(items: readonly BufferedRecord[], reason: string, failure: LambdaFailure): Promise<boolean>;
  /** Resolves false when the poller stops during the wait. */
  sleep(ms: number): Promise<boolean>;
  stopping(): boolean;
  onSuccess(): void;
  onFailure(reason: string): void;
  now?: () => number;
}

const matchedOf = (items: readonly BufferedRecord[]) => items.filter((i) => i.matched);

/**
 * Lambda's error handling for one batch, in one place: invoke; on success commit; on a partial batch
 * response commit up to each partition's first failure and retry the rest; on a function error with
 * `bisectBatchOnFunctionError` split the batch in two and deliver each half in turn; after the last
 * retry (or for a record older than `maximumRecordAgeInSeconds`, without invoking it) dead-letter and
 * commit. A stopped poller commits nothing more: what was not committed is redelivered on restart.
 * https://docs.aws.amazon.com/lambda/latest/dg/kafka-retry-configurations.html
 *
 * AWS does not say whether a split counts as a retry: here it does not, and each half goes on with
 * the retries its batch had used, so a poison record is isolated even with `maximumRetryAttempts: 0`.
 */
export async function deliverBatch(batch: readonly BufferedRecord[], delivery: BatchDelivery, retriesUsed = 0): Promise<void> {
  let items = batch;
  for (let retries = retriesUsed; ; retries += 1) {
    if (delivery.stopping()) return;
    const fresh = await dropTooOld(items, delivery);
    if (!fresh) return;
    items = fresh;
    if (matchedOf(items).length === 0) {
      delivery.commit(commitAll(items));
      return;
    }
    const outcome = await delivery.invoke(items);
    if (outcome.kind === 'success') {
      delivery.onSuccess();
      delivery.commit(commitAll(items));
      return;
    }
    let reason: string;
    if (outcome.kind === 'partial') {
      const plan = commitPartial(items, outcome.failedFrom);
      delivery.commit(plan.commit);
      items = plan.redeliver;
      reason = `partial batch failure from ${[...outcome.failedFrom].map(([tp, offset]) => `${tp}@${offset}`).join(', ')}`;
    } else {
      reason = outcome.reason;
    }
    delivery.onFailure(reason);
    const matched = matchedOf(items);
    if (outcome.kind === 'failure' && delivery.trigger.bisectBatchOnFunctionError && matched.length > 1) {
      const cut = items.indexOf(matched[Math.ceil(matched.length / 2)]!);
      delivery.log.warn(`${delivery.name}: invocation failed, splitting the batch of ${matched.length} records in two: ${reason}`);
      await deliverBatch(items.slice(0, cut), delivery, retries);
      await deliverBatch(items.slice(cut), delivery, retries);
      return;
    }
    if (delivery.retries >= 0 && retries >= delivery.retries) {
      delivery.log.error(`${delivery.name}: giving up after ${retries + 1} attempts, ${matched.length} records to syntor.dlq: ${reason}`);
      if (await delivery.deadLetter(items, reason, { ...POLLER_FAILURES.retriesExhausted, approximateInvokeCount: retries + 1 })) delivery.commit(commitAll(items));
      return;
    }
    const delay = backoffMs(retries + 1, delivery.retry);
    delivery.log.warn(`${delivery.name}: invocation failed (attempt ${retries + 1}), retrying in ${delay} ms: ${reason}`);
    if (!(await delivery.sleep(delay))) return;
  }
}

/**
 * Records older than `maximumRecordAgeInSeconds` (by their Kafka timestamp) are not sent to the
 * function but to syntor.dlq; they stay in the batch as not delivered, so their offsets are committed
 * with it. Undefined when the poller stopped before they were dead-lettered.
 */
async function dropTooOld(items: readonly BufferedRecord[], delivery: BatchDelivery): Promise<readonly BufferedRecord[] | undefined> {
  const maxAge = delivery.trigger.maximumRecordAgeInSeconds;
  if (maxAge === -1) return items;
  const oldest = (delivery.now ?? Date.now)() - maxAge * 1000;
  const tooOld = items.filter((i) => i.matched && i.record.timestamp < oldest);
  if (tooOld.length === 0) return items;
  const reason = `${tooOld.length} record${tooOld.length === 1 ? ' is' : 's are'} older than maximumRecordAgeInSeconds (${maxAge} s)`;
  delivery.log.warn(`${delivery.name}: ${reason}; to syntor.dlq without invoking`);
  if (!(await delivery.deadLetter(tooOld, reason, POLLER_FAILURES.recordTooOld))) return undefined;
  const dropped = new Set(tooOld);
  return items.map((i) => (dropped.has(i) ? { ...i, matched: false } : i));
}

import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import coordination from '../../../functions/coordination/agent.js';
import { lambdaKafkaFailureRecordSchema, TOPICS, type LambdaKafkaFailureRecord } from '../../../lib/contracts/index.js';
import { readMskEvent, type KafkaEventSourceKind } from '../../../lib/kafka/index.js';
import { behaviours, callsOf } from '../../fixtures/agents/probe/handler.js';
import { probeAgent } from '../../fixtures/agents/probe/manifest.js';
import { disconnectProducers, produce, resetHarnesses, runHarness, uniqueName, watchTopics, type TopicWatch } from '../harness/support.js';
import { api, eventually, resetState } from '../orchestration/support.js';

// The source must be a SYNTOR topic (only those are redriven to) that no running function consumes:
// the probe alone reads it here, with a filter on this test's run id.
const SOURCE = TOPICS.systemEvents;
// The real coordination functions that store dead letters and serve GET /dlq and the redrive route.
const deadLetterFunctions = { ...coordination, functions: coordination.functions.filter((f) => f.name === 'dead-letters' || f.name === 'api') };

let watch: TopicWatch | undefined;
beforeAll(resetState);
afterEach(async () => {
  await resetHarnesses();
  await watch?.stop();
  watch = undefined;
});
afterAll(() => disconnectProducers());

/** The first record on syntor.dlq in Lambda's format whose failed record has `key`. */
function lambdaRecordFor(seen: TopicWatch['seen'], key: string): LambdaKafkaFailureRecord | undefined {
  for (const { topic, value } of seen) {
    if (topic !== TOPICS.deadLetter) continue;
    const parsed = lambdaKafkaFailureRecordSchema.safeParse(value);
    if (parsed.success && readMskEvent(parsed.data.payload)[0]?.key?.toString() === key) return parsed.data;
  }
  return undefined;
}

describe('a batch whose retries run out', () => {
  it.each<KafkaEventSourceKind>(['msk', 'self-managed'])(
    "lands on syntor.dlq in Lambda's format (%s trigger), is stored with its real origin, and redrives to its source topic",
    async (eventSource) => {
      // Prepare
      const run = uniqueName('run');
      const key = `k-${run}`;
      const value = JSON.stringify({ probe: run });
      const probe = probeAgent(uniqueName('doomed'), [
        { name: 'fail', triggers: [{ type: 'kafka', topic: SOURCE, startingPosition: 'LATEST', batchingWindowMs: 100, maximumRetryAttempts: 1, filters: [{ value: { probe: [run] } }] }] },
      ]);
      const fn = `${probe.name}-fail`;
      let failing = true;
      behaviours.set(fn, () => {
        if (failing) throw new Error('always broken');
      });
      watch = await watchTopics([TOPICS.deadLetter, SOURCE], 'it-lambda-dlq');
      const harness = await runHarness(probe, { agents: [probe, deadLetterFunctions], eventSource, ports: { http: 0, metrics: false, health: false } });
      const client = api(`http://127.0.0.1:${harness.ports.http}`);
      await new Promise((r) => setTimeout(r, 1_500)); // the probe has joined at LATEST

      // Act
      await produce(SOURCE, [{ value, key }]);
      const written = await eventually("Lambda's record on syntor.dlq", async () => lambdaRecordFor(watch!.seen, key));
      const stored = await eventually('the stored dead letter', async () => {
        const { body } = await client.dlq();
        return (body.deadLetters as { id: string; origin: { topic: string; key?: string } }[]).find((d) => d.origin.key === key);
      });

      // Assess: what Lambda writes, for this trigger's event source
      expect(callsOf(fn)).toHaveLength(2);
      expect(written.requestContext).toMatchObject({ condition: 'RetriesExhausted', approximateInvokeCount: 2, functionArn: expect.stringContaining(`:function:${fn}`) });
      expect(written.payload.eventSource).toBe(eventSource === 'msk' ? 'aws:kafka' : 'SelfManagedKafka');
      expect('eventSourceArn' in written.KafkaBatchInfo).toBe(eventSource === 'msk');
      const [failed] = readMskEvent(written.payload);
      expect(failed).toMatchObject({ topic: SOURCE, value: Buffer.from(value) });
      expect(written.KafkaBatchInfo.recordInfo.offset).toBe(failed!.offset);
      // …stored under the failed record's origin, not syntor.dlq's
      expect(stored).toMatchObject({
        reasonCode: 'retries-exhausted',
        reason: expect.stringContaining(`after 2 invocations of ${fn}`),
        origin: { topic: SOURCE, partition: failed!.partition, offset: failed!.offset, key },
        value: Buffer.from(value).toString('base64'),
        failedBy: fn,
      });

      // Act: redrive once the function works again
      failing = false;
      const redriven = await client.redrive(stored.id);

      // Assess: back on the source topic, as it was, and processed there
      expect(redriven).toMatchObject({ status: 200, body: { ok: true } });
      await eventually('the redriven record processed', async () => (callsOf(fn).length >= 3 ? true : undefined));
      const copies = watch.seen.filter((m) => m.topic === SOURCE && (m.value as { probe?: string }).probe === run);
      expect(copies).toHaveLength(2);
      expect(readMskEvent(callsOf(fn)[2]!.event).map((r) => [r.key?.toString(), r.value?.toString()])).toEqual([[key, value]]);
    },
  );
});

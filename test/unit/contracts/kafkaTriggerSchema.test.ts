import { describe, expect, it } from 'vitest';
import { functionManifestSchema, kafkaTriggerSchema } from '../../../lib/contracts/index.js';

const kafka = (extra: Record<string, unknown> = {}) => ({ type: 'kafka', topic: 'syntor.tasks.assign', ...extra });
const issuesOf = (result: { success: boolean; error?: { issues: { message: string }[] } }) => result.error?.issues.map((i) => i.message) ?? [];

describe('kafka trigger schema: what Lambda allows an MSK event source mapping', () => {
  it('defaults the error-handling controls to AWS defaults', () => {
    // Act
    const trigger = kafkaTriggerSchema.parse(kafka());

    // Assess
    expect(trigger).toMatchObject({ maximumRetryAttempts: -1, maximumRecordAgeInSeconds: -1, bisectBatchOnFunctionError: false, reportBatchItemFailures: false });
    expect(trigger.provisionedPollers).toBeUndefined();
  });

  it('refuses a sixth filter with the quota in the message', () => {
    const filters = Array.from({ length: 6 }, (_, i) => ({ value: { n: [i] } }));

    expect(issuesOf(kafkaTriggerSchema.safeParse(kafka({ filters })))).toEqual([expect.stringContaining("at most 5 filters per Kafka trigger (Lambda's default quota")]);
    expect(kafkaTriggerSchema.safeParse(kafka({ filters: filters.slice(0, 5) })).success).toBe(true);
  });

  it.each([
    [-1, true],
    [60, true],
    [604_800, true],
    [0, false],
    [59, false],
    [604_801, false],
  ])('takes maximumRecordAgeInSeconds %d: %s', (seconds, ok) => {
    expect(kafkaTriggerSchema.safeParse(kafka({ maximumRecordAgeInSeconds: seconds })).success).toBe(ok);
  });

  it('takes AT_TIMESTAMP only with a past startingPositionTimestamp, and the timestamp only with AT_TIMESTAMP', () => {
    const past = Math.floor(Date.now() / 1000) - 60;

    expect(kafkaTriggerSchema.parse(kafka({ startingPosition: 'AT_TIMESTAMP', startingPositionTimestamp: past })).startingPositionTimestamp).toBe(past);
    expect(issuesOf(kafkaTriggerSchema.safeParse(kafka({ startingPosition: 'AT_TIMESTAMP' })))).toEqual(['startingPosition AT_TIMESTAMP needs startingPositionTimestamp (Unix seconds)']);
    expect(issuesOf(kafkaTriggerSchema.safeParse(kafka({ startingPositionTimestamp: past })))).toEqual(['startingPositionTimestamp only applies with startingPosition AT_TIMESTAMP']);
    expect(issuesOf(kafkaTriggerSchema.safeParse(kafka({ startingPosition: 'AT_TIMESTAMP', startingPositionTimestamp: past + 3_600 })))).toEqual(['startingPositionTimestamp cannot be in the future']);
  });

  it('takes provisioned pollers within AWS bounds, minimum not above maximum', () => {
    expect(kafkaTriggerSchema.parse(kafka({ provisionedPollers: { minimumPollers: 2 } })).provisionedPollers).toEqual({ minimumPollers: 2, maximumPollers: 200 });
    expect(issuesOf(kafkaTriggerSchema.safeParse(kafka({ provisionedPollers: { minimumPollers: 3, maximumPollers: 2 } })))).toEqual(['minimumPollers must not exceed maximumPollers']);
    expect(kafkaTriggerSchema.safeParse(kafka({ provisionedPollers: { maximumPollers: 2_001 } })).success).toBe(false);
    expect(kafkaTriggerSchema.safeParse(kafka({ provisionedPollers: { minimumPollers: 201 } })).success).toBe(false);
  });
});

describe('function schema: the 14-minute ceiling of Kafka event source mappings', () => {
  const fn = (timeoutSeconds: number, triggers: unknown[]) => ({ name: 'drain', entry: '/x.js', timeoutSeconds, triggers });

  it('refuses a Kafka-triggered function with a timeout above 840 s, naming it', () => {
    expect(issuesOf(functionManifestSchema.safeParse(fn(841, [kafka()])))).toEqual([
      `function "drain" has a Kafka trigger, so its timeout can be at most 840 s (14 minutes, Lambda's limit for Kafka event source mappings), not 841 s`,
    ]);
  });

  it('takes 840 s with a Kafka trigger and 900 s without one', () => {
    expect(functionManifestSchema.safeParse(fn(840, [kafka()])).success).toBe(true);
    expect(functionManifestSchema.safeParse(fn(900, [{ type: 'schedule', expression: 'rate(5 minutes)' }])).success).toBe(true);
  });
});

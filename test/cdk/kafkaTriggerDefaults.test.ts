import { App } from 'aws-cdk-lib';
import { Match } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { agents } from '../../functions/index.js';
import { TOPICS } from '../../lib/contracts/index.js';
import { SYNTOR_KAFKA_TRIGGER_DEFAULTS } from '../../lib/manifest/index.js';
import type { SyntorApp } from '../../cdk/lib/buildSyntorApp.js';
import { planFunctions } from '../../cdk/lib/manifests/planFunctions.js';
import { readSettings } from '../../cdk/lib/config/readSettings.js';
import { buildTestApp, resourcesOf, templateOf } from './support.js';

describe("SYNTOR's own Kafka triggers on Lambda", () => {
  let syntor: SyntorApp;
  beforeAll(async () => {
    syntor = await buildTestApp(agents);
  });

  it('give up after finite retries onto syntor.dlq and honour partial batch responses', () => {
    // Prepare
    const mappings = Object.values(resourcesOf(templateOf(syntor.agents), 'AWS::Lambda::EventSourceMapping')).map((m) => m.Properties);
    const finite = mappings.filter((m) => !(m.Topics as string[]).includes(TOPICS.deadLetter));

    // Assess: every mapping but the syntor.dlq consumer's
    expect(finite.length).toBeGreaterThan(5);
    for (const mapping of finite) {
      expect(mapping).toMatchObject({
        MaximumRetryAttempts: SYNTOR_KAFKA_TRIGGER_DEFAULTS.maximumRetryAttempts,
        FunctionResponseTypes: ['ReportBatchItemFailures'],
        DestinationConfig: { OnFailure: { Destination: `kafka://${TOPICS.deadLetter}` } },
        ProvisionedPollerConfig: { MinimumPollers: 1, MaximumPollers: 2 },
      });
    }
  });

  it('keep the syntor.dlq consumer retrying (its failures have nowhere further to go), with partial batch responses', () => {
    templateOf(syntor.agents).hasResourceProperties('AWS::Lambda::EventSourceMapping', {
      Topics: [TOPICS.deadLetter],
      FunctionResponseTypes: ['ReportBatchItemFailures'],
      MaximumRetryAttempts: Match.absent(),
      DestinationConfig: Match.absent(),
    });
  });

  it('stay within what AWS allows for MSK (0–10,000 retries)', () => {
    expect(SYNTOR_KAFKA_TRIGGER_DEFAULTS.maximumRetryAttempts).toBeGreaterThanOrEqual(0);
    expect(SYNTOR_KAFKA_TRIGGER_DEFAULTS.maximumRetryAttempts).toBeLessThanOrEqual(10_000);
  });

  it('need provisioned pollers, so on-demand pollers are refused at synth time', () => {
    const settings = readSettings(new App({ context: { 'syntor:kafkaPollers': 'on-demand' } }).node);
    expect(() => planFunctions(agents, settings)).toThrow('need provisioned pollers');
  });
});

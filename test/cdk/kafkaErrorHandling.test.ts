import { Match } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, it } from 'vitest';
import { TOPICS } from '../../lib/contracts/index.js';
import { defineAgent } from '../../lib/manifest/index.js';
import type { SyntorApp } from '../../cdk/lib/buildSyntorApp.js';
import { NOOP_HANDLER } from './fixtures/agents.js';
import { buildTestApp, templateOf } from './support.js';

const timestamp = 1_700_000_000;

/** One function per error-handling control, each on its own SYNTOR topic so the mappings are told apart. */
const controls = defineAgent({
  name: 'controls',
  kind: 'worker',
  functions: [
    {
      name: 'aged',
      entry: NOOP_HANDLER,
      timeoutSeconds: 840,
      triggers: [{ type: 'kafka', topic: TOPICS.taskAssignment, maximumRecordAgeInSeconds: 3_600, bisectBatchOnFunctionError: true, batchingWindowMs: 1_500 }],
    },
    {
      name: 'replay',
      entry: NOOP_HANDLER,
      triggers: [{ type: 'kafka', topic: TOPICS.systemEvents, startingPosition: 'AT_TIMESTAMP', startingPositionTimestamp: timestamp, provisionedPollers: { minimumPollers: 2, maximumPollers: 6 } }],
    },
  ],
});

describe('Kafka error-handling controls on Lambda, from the same manifest fields as the harness', () => {
  let syntor: SyntorApp;
  beforeAll(async () => {
    syntor = await buildTestApp([controls]);
  });

  it('maps a maximum record age and bisection, with the 10 retries AWS applies to infinite retries with a destination', () => {
    templateOf(syntor.agents).hasResourceProperties('AWS::Lambda::EventSourceMapping', {
      Topics: [TOPICS.taskAssignment],
      MaximumRecordAgeInSeconds: 3_600,
      BisectBatchOnFunctionError: true,
      MaximumRetryAttempts: 10,
      DestinationConfig: { OnFailure: { Destination: `kafka://${TOPICS.deadLetter}` } },
      // 1,500 ms in the manifest: what Lambda applies (and the harness waits) is 2 s.
      MaximumBatchingWindowInSeconds: 2,
    });
  });

  it('maps AT_TIMESTAMP with its timestamp and the trigger’s own provisioned pollers', () => {
    templateOf(syntor.agents).hasResourceProperties('AWS::Lambda::EventSourceMapping', {
      Topics: [TOPICS.systemEvents],
      StartingPosition: 'AT_TIMESTAMP',
      StartingPositionTimestamp: timestamp,
      ProvisionedPollerConfig: { MinimumPollers: 2, MaximumPollers: 6 },
      MaximumRecordAgeInSeconds: Match.absent(),
      BisectBatchOnFunctionError: Match.absent(),
      DestinationConfig: Match.absent(),
    });
  });
});

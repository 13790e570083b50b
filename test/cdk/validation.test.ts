import { App } from 'aws-cdk-lib';
import { describe, expect, it } from 'vitest';
import { agentManifestSchema, TOPICS } from '../../lib/contracts/index.js';
import { readSettings } from '../../cdk/lib/config/readSettings.js';
import { CdkContextInvalidError, CdkManifestUnsupportedError } from '../../cdk/lib/errors.js';
import { lambdaBatchingWindow, planFunctions } from '../../cdk/lib/manifests/planFunctions.js';
import { NOOP_HANDLER, probeAgent } from './fixtures/agents.js';

const settingsFor = (context: Record<string, unknown> = {}) => readSettings(new App({ context }).node);

describe('settings from CDK context', () => {
  it('defaults to the local environment and takes `-c environment=…`', () => {
    expect(settingsFor().environment).toBe('local');
    expect(settingsFor({ environment: 'production' })).toMatchObject({ environment: 'production', prefix: 'syntor-production', deletionProtection: true });
  });

  it.each([
    [{ environment: 'prod' }, 'environment: expected one of local | staging | production'],
    [{ 'syntor:httpAuth': 'jwt' }, 'syntor:jwtIssuer: syntor:httpAuth=jwt needs'],
    [{ 'syntor:jwtIssuer': 'https://x.example.com' }, 'syntor:jwtIssuer: only applies with syntor:httpAuth=jwt'],
    [{ 'syntor:kafkaBrokers': 4 }, 'syntor:kafkaBrokers: only applies with syntor:kafka=provisioned'],
    [{ 'syntor:kafka': 'provisioned', 'syntor:kafkaBrokers': 3 }, 'must be a multiple of the 2 availability zones'],
    [{ 'syntor:dbInstanceType': 'm7g.large', 'syntor:database': 'aurora-serverless' }, 'syntor:dbInstanceType: only applies with syntor:database=postgres'],
    [{ 'syntor:natGateways': 0 }, 'syntor:natGateways: must be at least 1'],
    [{ 'syntor:logRetentionDays': 10 }, 'syntor:logRetentionDays: CloudWatch accepts'],
    [{ 'syntor:partitions': 6 }, 'syntor:partitions: unknown setting'],
    [{ 'syntor:apiAdminPrincipals': 'ops' }, 'syntor:apiAdminPrincipals: expected IAM role or user ARNs'],
    [{ 'syntor:httpAuth': 'jwt', 'syntor:jwtIssuer': 'https://x.example.com', 'syntor:jwtAudience': 'a', 'syntor:apiAdminPrincipals': 'arn:aws:iam::123456789012:role/Ops' }, 'syntor:apiAdminPrincipals: only applies with syntor:httpAuth=iam'],
  ])('rejects %j at synth time', (context, message) => {
    expect(() => settingsFor(context)).toThrow(CdkContextInvalidError);
    expect(() => settingsFor(context)).toThrow(message);
  });
});

describe('manifests checked against what AWS accepts', () => {
  // Parsed by the schema alone, past defineAgent's own trigger checks, so the plan's are what is tested.
  const agentWith = (triggers: unknown[], name = 'bad') =>
    agentManifestSchema.parse({ name, kind: 'worker', functions: [{ name: 'fn', entry: NOOP_HANDLER, triggers }] });

  it.each([
    [[{ type: 'kafka', topic: 'orders' }], 'topic "orders" is not one of the SYNTOR topics'],
    [[{ type: 'kafka', topic: TOPICS.taskStatus, filters: [{ value: { amount: [{ numeric: ['>'] }] } }] }], 'filters[0] value.amount'],
    [[{ type: 'kafka', topic: TOPICS.deadLetter, maximumRetryAttempts: 2 }], 'its failures would go back to syntor.dlq'],
    [[{ type: 'schedule', expression: 'rate(1 minutes)' }], 'must be singular'],
    [[{ type: 'http', method: 'GET', path: '/files/{path+}/meta' }], 'bad-fn: triggers[0] invalid route "GET /files/{path+}/meta": the greedy parameter {path+} must be the last segment'],
    [[{ type: 'http', method: 'GET', path: '/probe/{id}' }], 'route "GET /probe/{id}" is already served by probe-api'],
  ])('rejects %j', (triggers, message) => {
    expect(() => planFunctions([probeAgent, agentWith(triggers)], settingsFor())).toThrow(CdkManifestUnsupportedError);
    expect(() => planFunctions([probeAgent, agentWith(triggers)], settingsFor())).toThrow(message);
  });

  it('needs provisioned pollers for retries, partial batch responses and the dead-letter topic', () => {
    expect(() => planFunctions([probeAgent], settingsFor({ 'syntor:kafkaPollers': 'on-demand' }))).toThrow('need provisioned pollers');
  });

  it.each([
    [500, undefined],
    [0, 0],
    [20, 0],
    [1_000, 1],
    [2_400, 2],
    [300_000, 300],
  ])('maps a %i ms batching window to %s s (whole seconds, or Lambda\'s 500 ms default)', (ms, seconds) => {
    expect(lambdaBatchingWindow(ms)).toBe(seconds);
  });
});

import { Match } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { HTTP_API_STAGE, SCHEDULE_DELIVERY, TOPICS } from '../../lib/contracts/index.js';
import { consumerGroupOf } from '../../lib/manifest/index.js';
import type { SyntorApp } from '../../cdk/lib/buildSyntorApp.js';
import { extraAgent, probeAgent } from './fixtures/agents.js';
import { buildTestApp, resourcesOf, templateOf } from './support.js';

describe('agents stack: one Lambda function per manifest function', () => {
  let syntor: SyntorApp;
  beforeAll(async () => {
    syntor = await buildTestApp([probeAgent]);
  });

  it('deploys each function with the manifest memory, timeout and environment on Node.js 22 / arm64', () => {
    const template = templateOf(syntor.agents);
    template.resourceCountIs('AWS::Lambda::Function', probeAgent.functions.length);
    template.hasResourceProperties('AWS::Lambda::Function', {
      FunctionName: 'syntor-local-probe-consume',
      Runtime: 'nodejs22.x',
      Architectures: ['arm64'],
      MemorySize: 512,
      Timeout: 45,
      Handler: 'index.handler',
      TracingConfig: { Mode: 'Active' },
      LoggingConfig: Match.objectLike({ LogFormat: 'JSON' }),
      VpcConfig: Match.objectLike({ SubnetIds: Match.anyValue() }),
      Environment: {
        Variables: Match.objectLike({
          PROBE_MODE: 'strict',
          SYNTOR_ENVIRONMENT: 'local',
          SYNTOR_POSTGRES_SSL: 'require',
          SYNTOR_REDIS_TLS: 'true',
          SYNTOR_MSK_CLUSTER_ARN: Match.anyValue(),
          SYNTOR_POSTGRES_SECRET_ARN: Match.anyValue(),
          NODE_EXTRA_CA_CERTS: '/var/runtime/ca-cert.pem',
        }),
      },
    });
    template.hasResourceProperties('AWS::Lambda::Function', { FunctionName: 'syntor-local-probe-tick', MemorySize: 256, Timeout: 30 });
  });

  it('maps each Kafka trigger to an MSK event source mapping with the manifest settings', () => {
    const template = templateOf(syntor.agents);
    template.resourceCountIs('AWS::Lambda::EventSourceMapping', 2);
    template.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
      Topics: [TOPICS.taskAssignment],
      BatchSize: 25,
      MaximumBatchingWindowInSeconds: 2,
      StartingPosition: 'LATEST',
      AmazonManagedKafkaEventSourceConfig: { ConsumerGroupId: 'probe-consumers' },
      FilterCriteria: {
        Filters: [
          { Pattern: JSON.stringify({ value: { target: ['probe'] } }) },
          { Pattern: JSON.stringify({ value: { type: [{ prefix: 'task.' }] } }) },
        ],
      },
      MaximumRetryAttempts: 3,
      FunctionResponseTypes: ['ReportBatchItemFailures'],
      DestinationConfig: { OnFailure: { Destination: `kafka://${TOPICS.deadLetter}` } },
      ProvisionedPollerConfig: { MinimumPollers: 1, MaximumPollers: 2 },
    });
    // Defaults: Lambda's 500 ms window (left unset), the default group, retry until success (no DLQ).
    const consume = probeAgent.functions[0]!;
    template.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
      Topics: [TOPICS.systemEvents],
      BatchSize: 100,
      StartingPosition: 'TRIM_HORIZON',
      MaximumBatchingWindowInSeconds: Match.absent(),
      AmazonManagedKafkaEventSourceConfig: { ConsumerGroupId: consumerGroupOf(probeAgent, consume, { topic: TOPICS.systemEvents }) },
      DestinationConfig: Match.absent(),
      MaximumRetryAttempts: Match.absent(),
      FilterCriteria: Match.absent(),
    });
  });

  it('turns schedules into EventBridge rules and routes into an IAM-authorised HTTP API', () => {
    const template = templateOf(syntor.agents);
    template.resourceCountIs('AWS::Events::Rule', 1);
    template.hasResourceProperties('AWS::Events::Rule', { ScheduleExpression: 'rate(5 minutes)', State: 'ENABLED' });
    template.resourceCountIs('AWS::ApiGatewayV2::Route', 2);
    for (const routeKey of ['GET /probe/{id}', 'POST /probe']) {
      template.hasResourceProperties('AWS::ApiGatewayV2::Route', { RouteKey: routeKey, AuthorizationType: 'AWS_IAM' });
    }
    template.hasResourceProperties('AWS::ApiGatewayV2::Stage', { StageName: '$default', AccessLogSettings: Match.objectLike({ DestinationArn: Match.anyValue() }) });
  });

  it('deploys the schedule retries and the stage throttling the local harness applies, from one constant each', () => {
    const template = templateOf(syntor.agents);
    template.hasResourceProperties('AWS::Events::Rule', {
      Targets: [Match.objectLike({ RetryPolicy: { MaximumRetryAttempts: SCHEDULE_DELIVERY.retryAttempts } })],
    });
    template.resourceCountIs('AWS::Lambda::EventInvokeConfig', 1);
    template.hasResourceProperties('AWS::Lambda::EventInvokeConfig', { MaximumRetryAttempts: SCHEDULE_DELIVERY.retryAttempts, Qualifier: '$LATEST' });
    template.hasResourceProperties('AWS::ApiGatewayV2::Stage', {
      DefaultRouteSettings: { ThrottlingRateLimit: HTTP_API_STAGE.throttle.rateLimit, ThrottlingBurstLimit: HTTP_API_STAGE.throttle.burstLimit },
    });
  });

  it('follows the agent list and nothing else: an added agent appears, one not listed does not', async () => {
    expect(Object.values(resourcesOf(templateOf(syntor.agents), 'AWS::Lambda::Function')).map((f) => f.Properties.FunctionName)).not.toContain('syntor-local-extra-listen');

    const withExtra = await buildTestApp([probeAgent, extraAgent]);

    const template = templateOf(withExtra.agents);
    template.resourceCountIs('AWS::Lambda::Function', probeAgent.functions.length + 1);
    template.hasResourceProperties('AWS::Lambda::Function', { FunctionName: 'syntor-local-extra-listen', MemorySize: 1024, Timeout: 5, Runtime: 'nodejs22.x' });
    template.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
      Topics: [TOPICS.serviceRequest],
      BatchSize: 7,
      AmazonManagedKafkaEventSourceConfig: { ConsumerGroupId: 'syntor-extra-listen' },
    });
  });
});

describe('agents stack options', () => {
  it('authorises routes with JWT when asked', async () => {
    const syntor = await buildTestApp([probeAgent], { 'syntor:httpAuth': 'jwt', 'syntor:jwtIssuer': 'https://issuer.example.com', 'syntor:jwtAudience': 'syntor,ops' });

    const template = templateOf(syntor.agents);
    template.hasResourceProperties('AWS::ApiGatewayV2::Authorizer', {
      AuthorizerType: 'JWT',
      JwtConfiguration: { Issuer: 'https://issuer.example.com', Audience: ['syntor', 'ops'] },
    });
    template.hasResourceProperties('AWS::ApiGatewayV2::Route', { RouteKey: 'POST /probe', AuthorizationType: 'JWT' });
  });

  it('leaves the agents stack out when no agent is declared', async () => {
    const syntor = await buildTestApp([]);

    expect(syntor.agents).toBeUndefined();
    expect(syntor.app.node.findAll().some((c) => c.node.id === 'syntor-local-agents')).toBe(false);
  });
});

import { Duration, Stack } from 'aws-cdk-lib';
import * as events from 'aws-cdk-lib/aws-events';
import * as targets from 'aws-cdk-lib/aws-events-targets';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { KafkaDlq } from 'aws-cdk-lib/aws-lambda-event-sources';
import type * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import type { Construct } from 'constructs';
import { AWS_ENV } from '../../../lib/aws/index.js';
import { GIT_ENV } from '../../../lib/git/constants.js';
import { API_ADMIN_PRINCIPALS_ENV } from '../../../lib/handlers/iamCaller.js';
import { COORDINATOR_AGENT } from '../../../lib/kafka/auth/index.js';
import { SCHEDULE_DELIVERY, TOPICS } from '../../../lib/contracts/index.js';
import { effectiveRetryAttempts, PRODUCES_ENV, producedTopics } from '../../../lib/manifest/index.js';
import type { Bundle } from '../../../lib/bundling/types.js';
import type { DeploymentSettings } from '../config/types.js';
import type { PlannedFunction } from '../manifests/types.js';
import type { SyntorData } from '../stacks/DataStack.js';
import type { SyntorNetwork } from '../stacks/NetworkStack.js';
import { DATABASE_NAME } from './Database.js';
import { kafkaAccessStatements, kafkaConnectionEnvironment } from './kafkaAccess.js';
import { kafkaEventSource } from './kafkaEventSource.js';
import { secretReadStatements } from './secretReadStatements.js';
import { SyntorFunction } from './SyntorFunction.js';

export interface AgentFunctionProps {
  readonly planned: PlannedFunction;
  readonly bundle: Bundle;
  readonly settings: DeploymentSettings;
  readonly network: SyntorNetwork;
  /** The MSK cluster's ARN; absent with `syntor:kafka=self-managed`. */
  readonly clusterArn?: string;
  readonly data: SyntorData;
  /** Each deployed agent's envelope key secret (see envelopeKeySecret). */
  readonly envelopeKeys: ReadonlyMap<string, secretsmanager.ISecret>;
}

/**
 * One manifest function on Lambda with its triggers: each Kafka trigger an event source mapping on MSK
 * (IAM auth) or on a self-managed cluster (its secret; see kafkaEventSource), with the manifest's
 * batching, filters and consumer group, failures after finite retries to `syntor.dlq`; each schedule
 * an EventBridge rule. HTTP routes are added by the stack's HTTP API.
 */
export class AgentFunction extends SyntorFunction {
  readonly planned: PlannedFunction;

  constructor(scope: Construct, id: string, props: AgentFunctionProps) {
    const { planned, settings, data } = props;
    // Only an agent with git capabilities talks to git remotes, so only its functions may read the git secrets.
    const gitAgent = planned.agent.capabilities.some((c) => c.startsWith('git.'));
    const gitToken = gitAgent ? settings.git.tokenSecretArn : undefined;
    const gitCredentials = gitAgent ? settings.git.credentialsSecretArn : undefined;
    // Only the documentation agent summarizes, and only with the one configured model.
    const bedrockModel = planned.agent.capabilities.includes('docs.generate') ? settings.models.bedrockModelId : undefined;
    const produces = producedTopics(planned.fn);
    // Its own key to sign with; the coordinator, which checks who sent what, every agent's.
    const ownKey = props.envelopeKeys.get(planned.agent.name);
    if (!ownKey) throw new Error(`no envelope key secret for agent ${planned.agent.name}`);
    const verifies = planned.agent.name === COORDINATOR_AGENT;
    const keysToRead = verifies ? [...props.envelopeKeys.values()] : [ownKey];
    super(scope, id, {
      functionName: planned.functionName,
      description: `SYNTOR ${planned.agent.name} agent: ${planned.fn.name}`,
      bundle: props.bundle,
      handler: planned.fn.handler,
      memoryMb: planned.fn.memoryMb,
      timeoutSeconds: planned.fn.timeoutSeconds,
      network: props.network,
      settings,
      adot: settings.tracing === 'adot',
      environment: {
        SYNTOR_ENVIRONMENT: settings.environment,
        // The labels of the platform metrics it writes as EMF, the same as the harness gives them locally.
        SYNTOR_AGENT: planned.agent.name,
        SYNTOR_FUNCTION: planned.id,
        SYNTOR_KAFKA_CLIENT_ID: planned.functionName,
        SYNTOR_KAFKA_TOPIC_PARTITIONS: String(settings.kafka.topicPartitions),
        SYNTOR_KAFKA_REPLICATION_FACTOR: String(settings.kafka.replicationFactor),
        SYNTOR_POSTGRES_DATABASE: DATABASE_NAME,
        SYNTOR_POSTGRES_SSL: 'require',
        SYNTOR_REDIS_ADDRESS: data.cacheAddress,
        ...kafkaConnectionEnvironment(settings, props.clusterArn),
        [AWS_ENV.postgresSecretArn]: data.databaseSecret.secretArn,
        [AWS_ENV.redisAuthSecretArn]: data.cacheAuthSecret.secretArn,
        [AWS_ENV.redisTls]: 'true',
        ...(gitToken ? { [GIT_ENV.tokenSecretArn]: gitToken, [GIT_ENV.tokenHosts]: (settings.git.tokenHosts ?? []).join(',') } : {}),
        ...(gitCredentials ? { [GIT_ENV.credentialsSecretArn]: gitCredentials } : {}),
        ...(bedrockModel ? { SYNTOR_BEDROCK_MODEL_ID: bedrockModel } : {}),
        SYNTOR_ENVELOPE_KEY_SECRET_ARN: ownKey.secretArn,
        ...(planned.routes.length > 0 && settings.http.adminPrincipals.length > 0 ? { [API_ADMIN_PRINCIPALS_ENV]: settings.http.adminPrincipals.join(',') } : {}),
        ...(verifies ? { SYNTOR_ENVELOPE_VERIFY_SECRET_ARNS: Stack.of(scope).toJsonString(Object.fromEntries([...props.envelopeKeys].map(([agent, secret]) => [agent, secret.secretArn]))) } : {}),
        ...planned.fn.environment,
        // Last, so a manifest's environment cannot widen it. The producer refuses what the role below
        // would, with the same error as the harness and before the broker is asked.
        [PRODUCES_ENV]: produces.join(','),
      },
      statements: [
        // IAM to exact topics and groups on MSK; the credentials secret only, on a self-managed cluster.
        ...kafkaAccessStatements(scope, { settings, clusterArn: props.clusterArn, produces, consumes: planned.kafka.map((k) => ({ topic: k.trigger.topic, consumerGroupId: k.consumerGroupId })) }),
        ...secretReadStatements(scope, data.key, [data.databaseSecret, data.cacheAuthSecret]),
        new iam.PolicyStatement({ sid: 'ReadEnvelopeKeys', actions: ['secretsmanager:GetSecretValue'], resources: keysToRead.map((secret) => secret.secretArn) }),
        ...(gitToken ? [new iam.PolicyStatement({ sid: 'ReadGitToken', actions: ['secretsmanager:GetSecretValue'], resources: [gitToken] })] : []),
        ...(gitCredentials ? [new iam.PolicyStatement({ sid: 'ReadGitCredentials', actions: ['secretsmanager:GetSecretValue'], resources: [gitCredentials] })] : []),
        ...(bedrockModel ? [new iam.PolicyStatement({ sid: 'InvokeSummaryModel', actions: ['bedrock:InvokeModel'], resources: [bedrockModelArn(scope, bedrockModel)] })] : []),
      ],
    });
    this.planned = planned;

    for (const kafka of planned.kafka) {
      const { trigger } = kafka;
      this.function.addEventSource(kafkaEventSource(this, { settings, network: props.network, clusterArn: props.clusterArn }, {
        topic: trigger.topic,
        startingPosition: lambda.StartingPosition[trigger.startingPosition],
        ...(trigger.startingPositionTimestamp === undefined ? {} : { startingPositionTimestamp: trigger.startingPositionTimestamp }),
        batchSize: trigger.batchSize,
        ...(kafka.batchingWindowSeconds === undefined ? {} : { maxBatchingWindow: Duration.seconds(kafka.batchingWindowSeconds) }),
        consumerGroupId: kafka.consumerGroupId,
        ...(trigger.filters.length === 0 ? {} : { filters: trigger.filters.map((filter) => lambda.FilterCriteria.filter(filter)) }),
        ...(kafka.deadLetter ? { retryAttempts: effectiveRetryAttempts(trigger), onFailure: new KafkaDlq(TOPICS.deadLetter) } : {}),
        ...(trigger.maximumRecordAgeInSeconds === -1 ? {} : { maxRecordAge: Duration.seconds(trigger.maximumRecordAgeInSeconds) }),
        ...(trigger.bisectBatchOnFunctionError ? { bisectBatchOnError: true } : {}),
        ...(trigger.reportBatchItemFailures ? { reportBatchItemFailures: true } : {}),
        // Provisioned pollers are what carry retries, partial batch responses and a Kafka on-failure
        // destination for MSK (https://docs.aws.amazon.com/lambda/latest/dg/kafka-retry-configurations.html).
        // A trigger's own provisionedPollers win over the deployment's.
        ...(trigger.provisionedPollers
          ? { provisionedPollerConfig: { ...trigger.provisionedPollers } }
          : settings.kafka.pollers === 'provisioned'
            ? { provisionedPollerConfig: { minimumPollers: settings.kafka.minPollers, maximumPollers: settings.kafka.maxPollers } }
            : {}),
      }));
    }
    // A rule invokes asynchronously: EventBridge retries a delivery Lambda refuses, Lambda's async queue a
    // function error. Both counts are the one the local harness applies (SCHEDULE_DELIVERY).
    if (planned.schedules.length > 0) this.function.configureAsyncInvoke({ retryAttempts: SCHEDULE_DELIVERY.retryAttempts });
    planned.schedules.forEach((schedule, i) => {
      new events.Rule(this, `schedule-${i}`, {
        ruleName: `${planned.functionName}-${i}`.slice(0, 64),
        description: `${schedule.expression} → ${planned.functionName}`,
        schedule: events.Schedule.expression(schedule.expression),
        targets: [new targets.LambdaFunction(this.function, { retryAttempts: SCHEDULE_DELIVERY.retryAttempts })],
      });
    });
  }
}

/** A model id names a foundation model in the stack's region; an ARN (inference profile, provisioned model) is used as given. */
function bedrockModelArn(scope: Construct, model: string): string {
  if (model.startsWith('arn:')) return model;
  const stack = Stack.of(scope);
  return `arn:${stack.partition}:bedrock:${stack.region}::foundation-model/${model}`;
}

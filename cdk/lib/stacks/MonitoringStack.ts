import { Duration, Stack, type StackProps } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as actions from 'aws-cdk-lib/aws-cloudwatch-actions';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as subscriptions from 'aws-cdk-lib/aws-sns-subscriptions';
import type { Construct } from 'constructs';
import { TOPICS } from '../../../lib/contracts/index.js';
import type { DeploymentSettings } from '../config/types.js';
import { allowCloudWatchAlarms, dataKey } from '../constructs/dataKey.js';
import type { SyntorFunction } from '../constructs/SyntorFunction.js';
import type { PlannedFunction } from '../manifests/types.js';
import { taskGraphs } from './taskWidgets.js';

export interface MonitoringStackProps extends StackProps {
  readonly settings: DeploymentSettings;
  /** The MSK cluster's name; absent with a self-managed cluster, whose lag and dead letters are read from Lambda's metrics. */
  readonly clusterName?: string;
  /** The agents' functions (none when no agent is declared). */
  readonly functions: readonly (SyntorFunction & { readonly planned: PlannedFunction })[];
}

const PERIOD = Duration.minutes(1);
const ALARM_PERIOD = Duration.minutes(5);

/**
 * One CloudWatch dashboard — invocations, errors and duration per function, MSK offset lag per
 * consumer group, the dead-letter rate, and the agents' task metrics (rates, status, duration, queue
 * wait, routing, dead letters by reason, circuits; written as EMF) — and alarms on errors, lag and dead letters,
 * sent to an SNS topic (with an e-mail subscription when `syntor:alarmEmail` is set).
 */
export class MonitoringStack extends Stack {
  readonly alarmTopic: sns.Topic;
  readonly dashboard: cloudwatch.Dashboard;

  constructor(scope: Construct, id: string, props: MonitoringStackProps) {
    super(scope, id, props);
    const { settings, functions } = props;
    const key = dataKey(this, 'alarms-key', settings, 'SYNTOR alarm notifications');
    allowCloudWatchAlarms(key);
    this.alarmTopic = new sns.Topic(this, 'alarms', { topicName: `${settings.prefix}-alarms`, masterKey: key, enforceSSL: true });
    if (settings.monitoring.alarmEmail) this.alarmTopic.addSubscription(new subscriptions.EmailSubscription(settings.monitoring.alarmEmail));
    const notify = new actions.SnsAction(this.alarmTopic);
    const alarm = (metric: cloudwatch.Metric | cloudwatch.MathExpression, name: string, threshold: number, description: string) => {
      const created = metric.createAlarm(this, name, {
        alarmName: `${settings.prefix}-${name}`,
        alarmDescription: description,
        threshold,
        evaluationPeriods: 3,
        datapointsToAlarm: 2,
        comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
        treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
      });
      created.addAlarmAction(notify);
      created.addOkAction(notify);
      return created;
    };

    const { clusterName } = props;
    const lagMetrics = clusterName === undefined ? selfManagedLag(functions) : functions.flatMap((f) =>
      f.planned.kafka.map((k) => new cloudwatch.Metric({
        namespace: 'AWS/Kafka',
        metricName: 'MaxOffsetLag',
        dimensionsMap: { 'Cluster Name': clusterName, 'Consumer Group': k.consumerGroupId, Topic: k.trigger.topic },
        statistic: 'Maximum',
        period: PERIOD,
        label: k.consumerGroupId,
      })),
    );
    const deadLetters = clusterName === undefined ? selfManagedDeadLetters(functions) : this.deadLetterRate(settings, clusterName);

    for (const f of functions) {
      alarm(f.function.metricErrors({ period: ALARM_PERIOD, statistic: 'Sum' }), `${f.planned.id}-errors`, 1, `${f.planned.functionName} is failing invocations`);
    }
    lagMetrics.forEach((metric) => alarm(metric.with({ period: ALARM_PERIOD }), `${metric.label}-lag`, settings.monitoring.lagThreshold, `Consumer group ${metric.label} is ${settings.monitoring.lagThreshold}+ records behind`));
    if (deadLetters) alarm(deadLetters.with({ period: ALARM_PERIOD }), 'dead-letters', 1, `Records are arriving on ${TOPICS.deadLetter}`);

    const perFunction = (pick: (f: SyntorFunction) => cloudwatch.IMetric) => functions.map(pick);
    const [taskRates, ...taskDetails] = taskGraphs(settings.environment);
    this.dashboard = new cloudwatch.Dashboard(this, 'dashboard', {
      dashboardName: `${settings.prefix}-overview`,
      defaultInterval: Duration.hours(3),
      widgets: [
        [
          graph('Invocations', perFunction((f) => f.function.metricInvocations({ period: PERIOD, statistic: 'Sum', label: f.function.functionName }))),
          graph('Errors', perFunction((f) => f.function.metricErrors({ period: PERIOD, statistic: 'Sum', label: f.function.functionName }))),
          graph('Duration p99 (ms)', perFunction((f) => f.function.metricDuration({ period: PERIOD, statistic: 'p99', label: f.function.functionName }))),
        ],
        [
          graph(clusterName === undefined ? 'Kafka offset lag per function' : 'MSK offset lag per consumer group', lagMetrics),
          taskRates!,
          graph(clusterName === undefined ? `Dead-letter batches (${TOPICS.deadLetter}, invocations)` : `Dead letters (${TOPICS.deadLetter}, records/s)`, deadLetters ? [deadLetters] : []),
        ],
        // The agents' own metrics (EMF, namespace SYNTOR): the same story as the Grafana dashboard.
        taskDetails.slice(0, 3),
        taskDetails.slice(3),
      ],
    });
  }

  /** Records/s into `syntor.dlq`: one topic metric on Serverless, summed over brokers when provisioned. */
  private deadLetterRate(settings: DeploymentSettings, clusterName: string): cloudwatch.Metric | cloudwatch.MathExpression {
    const metric = (extra: Record<string, string>) => new cloudwatch.Metric({
      namespace: 'AWS/Kafka',
      metricName: 'MessagesInPerSec',
      dimensionsMap: { 'Cluster Name': clusterName, Topic: TOPICS.deadLetter, ...extra },
      statistic: 'Average',
      period: PERIOD,
    });
    if (settings.kafka.mode === 'serverless') return metric({});
    const brokers = Object.fromEntries(Array.from({ length: settings.kafka.brokers }, (_, i) => [`b${i + 1}`, metric({ 'Broker ID': String(i + 1) })]));
    return new cloudwatch.MathExpression({ expression: Object.keys(brokers).join(' + '), usingMetrics: brokers, label: 'dead letters/s', period: PERIOD });
  }
}

/** A self-managed cluster has no MSK metrics: Lambda's OffsetLag of each Kafka-triggered function stands in. */
function selfManagedLag(functions: MonitoringStackProps['functions']): cloudwatch.Metric[] {
  return functions
    .filter((f) => f.planned.kafka.length > 0)
    .map((f) => f.function.metric('OffsetLag', { statistic: 'Maximum', period: PERIOD, label: f.planned.functionName }));
}

/** …and the invocations of the function that reads syntor.dlq say records arrived there (none: no alarm). */
function selfManagedDeadLetters(functions: MonitoringStackProps['functions']): cloudwatch.Metric | undefined {
  const reader = functions.find((f) => f.planned.kafka.some((k) => k.trigger.topic === TOPICS.deadLetter));
  return reader?.function.metricInvocations({ statistic: 'Sum', period: PERIOD, label: 'dead-letter batches' });
}

function graph(title: string, metrics: readonly cloudwatch.IMetric[]): cloudwatch.GraphWidget {
  return new cloudwatch.GraphWidget({ title, left: [...metrics], width: 8, height: 6 });
}

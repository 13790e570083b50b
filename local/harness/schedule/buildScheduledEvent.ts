import { randomUUID } from 'node:crypto';
import type { ScheduledEvent } from 'aws-lambda';
import { DEFAULT_ACCOUNT, DEFAULT_REGION } from './constants.js';
import { toEventTime } from './toEventTime.js';

export interface ScheduledEventOptions {
  /** The rule's name; its ARN is the event's only resource. */
  readonly ruleName: string;
  /** When the rule fired (its scheduled time). */
  readonly time: Date;
  /** @default 'local' */
  readonly region?: string;
  /** @default '000000000000' */
  readonly account?: string;
}

/**
 * The event a scheduled EventBridge rule sends to a Lambda target
 * (https://docs.aws.amazon.com/lambda/latest/dg/with-scheduled-events.html): `detail-type` "Scheduled
 * Event", `source` "aws.events", the rule ARN in `resources`, an empty `detail`.
 *
 * @example
 * buildScheduledEvent({ ruleName: 'tasks-sweeper', time: new Date('2024-01-01T12:00:00Z') });
 * // { version: '0', id: '…uuid…', 'detail-type': 'Scheduled Event', source: 'aws.events', account: '000000000000',
 * //   time: '2024-01-01T12:00:00Z', region: 'local', resources: ['arn:aws:events:local:000000000000:rule/tasks-sweeper'], detail: {} }
 */
export function buildScheduledEvent(options: ScheduledEventOptions): ScheduledEvent {
  const region = options.region ?? DEFAULT_REGION;
  const account = options.account ?? DEFAULT_ACCOUNT;
  return {
    version: '0',
    id: randomUUID(),
    'detail-type': 'Scheduled Event',
    source: 'aws.events',
    account,
    time: toEventTime(options.time),
    region,
    resources: [`arn:aws:events:${region}:${account}:rule/${options.ruleName}`],
    detail: {},
  };
}

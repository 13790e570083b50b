import { readFileSync } from 'node:fs';
import { buildMskEvent, localEventSource, type KafkaRecord } from '../../lib/kafka/msk/index.js';
import { matchRoute } from '../../lib/triggers/index.js';
import { buildHttpEvent } from '../../local/harness/http/buildHttpEvent.js';
import type { HttpRoute } from '../../local/harness/http/types.js';
import { buildScheduledEvent } from '../../local/harness/schedule/buildScheduledEvent.js';
import { parseCommand, positionals, type Command } from '../command.js';
import { CliUsageError } from '../errors.js';
import { keyValues, wholeNumber } from '../input.js';

const USAGE = `Usage: syntor event kafka --topic T [--partition P] [--offset N] [--key K] [--value V | @file] [--header k=v]… [--self-managed]
       syntor event schedule [--rule NAME] [--time ISO]
       syntor event http <METHOD> <PATH> [--route 'METHOD /path/{param}'] [--body V | @file] [--header k=v]…

Prints, as JSON, the exact event Lambda (and npm run local) hands a handler — built by the same code
the harness uses: an MSK event (eventSource aws:kafka; --self-managed: SelfManagedKafka) with one
record, base64 key and value; an EventBridge scheduled event; an API Gateway HTTP API (payload 2.0)
event, its path parameters read from --route. Save one and replay it with your handler in a test.`;

const text = (raw: string | undefined) => (raw === undefined ? undefined : raw.startsWith('@') ? readFileSync(raw.slice(1) === '-' ? 0 : raw.slice(1), 'utf8') : raw);

function kafkaEvent(values: Record<string, string | boolean | string[] | undefined>) {
  if (typeof values.topic !== 'string') throw new CliUsageError(`syntor event kafka needs --topic\n\n${USAGE}`);
  const value = text(values.value as string | undefined);
  const key = values.key as string | undefined;
  const record: KafkaRecord = {
    topic: values.topic,
    partition: wholeNumber('--partition', values.partition as string | undefined, 0, 100_000) ?? 0,
    offset: String(wholeNumber('--offset', values.offset as string | undefined, 0, Number.MAX_SAFE_INTEGER) ?? 0),
    timestamp: Date.now(),
    timestampType: 'CREATE_TIME',
    key: key === undefined ? null : Buffer.from(key),
    value: value === undefined ? null : Buffer.from(value),
    headers: Object.entries(keyValues('--header', values.header as string[] | undefined)).map(([k, v]) => ({ key: k, value: Buffer.from(v) })),
  };
  return buildMskEvent([record], localEventSource(values['self-managed'] ? 'self-managed' : 'msk'));
}

function httpEvent(method: string, target: string, values: Record<string, string | boolean | string[] | undefined>) {
  const [rawPath = '/', rawQueryString = ''] = target.split(/\?(.*)/s);
  if (!rawPath.startsWith('/')) throw new CliUsageError(`the path must start with "/", got "${target}"`);
  const [routeMethod, routePath] = typeof values.route === 'string' ? values.route.split(' ') : [method.toUpperCase(), rawPath];
  const route: HttpRoute = { method: routeMethod!, path: routePath ?? '', functionId: 'syntor-event', invoke: async () => undefined };
  const match = matchRoute([route], method.toUpperCase(), rawPath);
  if (!match) throw new CliUsageError(`${method.toUpperCase()} ${rawPath} does not match the route ${route.method} ${route.path}`);
  const body = text(values.body as string | undefined);
  const headers = { ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...keyValues('--header', values.header as string[] | undefined) };
  return buildHttpEvent({ method: method.toUpperCase(), rawPath, rawQueryString, headers, body: Buffer.from(body ?? ''), sourceIp: '127.0.0.1', route, pathParameters: match.pathParameters });
}

export const event: Command = {
  name: 'event',
  summary: 'print the Lambda event of a Kafka record, a schedule or an HTTP request',
  usage: USAGE,
  async run(argv, context) {
    const parsed = parseCommand(
      argv,
      {
        topic: { type: 'string' },
        partition: { type: 'string' },
        offset: { type: 'string' },
        key: { type: 'string' },
        value: { type: 'string' },
        header: { type: 'string', multiple: true },
        'self-managed': { type: 'boolean' },
        rule: { type: 'string' },
        time: { type: 'string' },
        route: { type: 'string' },
        body: { type: 'string' },
      },
      event,
      context.terminal,
    );
    if (!parsed) return 0;
    const { values } = parsed;
    const [kind] = parsed.positionals;
    let built: unknown;
    if (kind === 'kafka') {
      positionals(parsed.positionals, ['kafka'], USAGE);
      built = kafkaEvent(values);
    } else if (kind === 'schedule') {
      positionals(parsed.positionals, ['schedule'], USAGE);
      const time = values.time === undefined ? new Date() : new Date(values.time);
      if (Number.isNaN(time.getTime())) throw new CliUsageError(`--time expects an ISO timestamp, got "${values.time}"`);
      built = buildScheduledEvent({ ruleName: values.rule ?? 'syntor-schedule', time });
    } else if (kind === 'http') {
      const [, method, target] = positionals(parsed.positionals, ['http', 'METHOD', 'PATH'], USAGE);
      built = httpEvent(method!, target!, values);
    } else {
      throw new CliUsageError(`${kind === undefined ? 'missing the kind of event' : `no kind of event "${kind}"`} (kafka, schedule or http)\n\n${USAGE}`);
    }
    context.terminal.out(JSON.stringify(built, null, 2));
    return 0;
  },
};

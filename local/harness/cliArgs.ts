import { parseArgs } from 'node:util';
import type { KafkaEventSourceKind } from '../../lib/kafka/index.js';
import { HarnessUsageError } from './errors.js';

export const USAGE = `Usage: npm run local -- [options]

Runs the agents' handlers against Kafka, PostgreSQL and Redis as AWS Lambda would:
Kafka triggers as consumer groups delivering MSK events, schedules, and HTTP routes.

Options:
  --agents a,b           run only these agents (default: every agent in functions/index.ts)
  --instances name=N     pollers per Kafka-triggered function; name is an agent or <agent>-<function>
                         (repeatable, or comma-separated: --instances worker=3,coordination=2)
  --manifest PATH        also run the agent whose manifest module (default export) is at PATH (repeatable)
  --http-port N          port of the HTTP routes (default SYNTOR_HTTP_PORT, 8000)
  --fire-schedules       fire every schedule once at start, then on its rate/cron
  --summary-seconds N    seconds between summary lines (default 30; 0 turns them off)
  --event-source KIND    the Kafka trigger to play: msk (default; eventSource "aws:kafka" with a cluster
                         ARN) or self-managed ("SelfManagedKafka", bootstrap servers, no ARN)
  --bundles              run each function's esbuild bundle instead of its TypeScript source: built at
                         start by the CDK app's bundler as npm run synth builds it (minified, packages
                         left out or shipped alike), into cdk.out/bundles; prints each function's bundle
  --logs                 the log stream on a terminal too (default there: a live view of every function
                         and trigger, redrawn each second, with the last log lines; elsewhere the stream)
  -h, --help             this text

Console: http://<SYNTOR_HARNESS_HOST>:<SYNTOR_HTTP_PORT>/ (tasks, workflows, agents, triggers, dead letters).
HTTP routes: http://<SYNTOR_HARNESS_HOST>:<SYNTOR_HTTP_PORT>, JSON bodies only, no requests from other
origins' web pages, Host 127.0.0.1/localhost/[::1] (more: SYNTOR_HARNESS_ALLOWED_HOSTS=name,name:port).
SYNTOR_API_TOKEN=<token> makes every route require "Authorization: Bearer <token>"; a SYNTOR_HARNESS_HOST
beyond loopback (0.0.0.0) refuses to start without one.
Metrics: http://<SYNTOR_METRICS_HOST>:<SYNTOR_METRICS_PORT>/metrics; health: :<SYNTOR_HEALTH_PORT>/health
(SYNTOR_METRICS_HOST defaults to SYNTOR_HARNESS_HOST; 0.0.0.0 there lets a Prometheus in Docker scrape).
Traces: SYNTOR_TRACING=otlp exports them over OTLP/HTTP to OTEL_EXPORTER_OTLP_ENDPOINT (default
http://localhost:4318: Jaeger in docker compose, UI on http://localhost:16686).
Stop with Ctrl-C (SIGINT) or SIGTERM: in-flight batches finish and commit first.`;

export interface CliOptions {
  help: boolean;
  agents?: string[];
  instances: Record<string, number>;
  manifests: string[];
  httpPort?: number;
  fireSchedules: boolean;
  summarySeconds: number;
  eventSource: KafkaEventSourceKind;
  bundles: boolean;
  logs: boolean;
}

function wholeNumber(flag: string, raw: string, min: number, max: number): number {
  const value = Number(raw);
  if (!/^\d+$/.test(raw) || value < min || value > max) {
    throw new HarnessUsageError(`${flag} expects a whole number from ${min} to ${max}, got "${raw}"`);
  }
  return value;
}

function eventSourceKind(raw: string | undefined): KafkaEventSourceKind {
  if (raw === undefined || raw === 'msk' || raw === 'self-managed') return raw ?? 'msk';
  throw new HarnessUsageError(`--event-source expects msk or self-managed, got "${raw}"`);
}

/** @throws HarnessUsageError naming the bad flag and what it expects. */
export function parseCliArgs(argv: readonly string[]): CliOptions {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      options: {
        help: { type: 'boolean', short: 'h' },
        agents: { type: 'string' },
        instances: { type: 'string', multiple: true },
        manifest: { type: 'string', multiple: true },
        'http-port': { type: 'string' },
        'fire-schedules': { type: 'boolean' },
        'summary-seconds': { type: 'string' },
        'event-source': { type: 'string' },
        bundles: { type: 'boolean' },
        logs: { type: 'boolean' },
      },
    });
  } catch (error) {
    throw new HarnessUsageError((error as Error).message);
  }
  const { values } = parsed;
  const instances: Record<string, number> = {};
  for (const entry of (values.instances ?? []).flatMap((v) => v.split(','))) {
    const [name, count] = entry.split('=');
    if (!name || count === undefined) throw new HarnessUsageError(`--instances expects name=N, got "${entry}"`);
    instances[name.trim()] = wholeNumber(`--instances ${name}`, count.trim(), 1, 64);
  }
  return {
    help: values.help ?? false,
    ...(values.agents ? { agents: values.agents.split(',').map((a) => a.trim()).filter(Boolean) } : {}),
    instances,
    manifests: values.manifest ?? [],
    ...(values['http-port'] ? { httpPort: wholeNumber('--http-port', values['http-port'], 0, 65535) } : {}),
    fireSchedules: values['fire-schedules'] ?? false,
    summarySeconds: values['summary-seconds'] ? wholeNumber('--summary-seconds', values['summary-seconds'], 0, 86_400) : 30,
    eventSource: eventSourceKind(values['event-source']),
    bundles: values.bundles ?? false,
    logs: values.logs ?? false,
  };
}

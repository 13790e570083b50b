import { isAbsolute, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { runMain } from '../../lib/cli/runMain.js';
import { getConfig } from '../../lib/config/index.js';
import type { AgentManifest } from '../../lib/contracts/index.js';
import { parseCliArgs, USAGE } from './cliArgs.js';
import { HarnessUsageError } from './errors.js';
import { startHarness } from './harness.js';
import { consoleLog, prettyLogsOnTerminal } from './log.js';
import { startLiveTerminal } from './liveTerminal.js';
import { summaryLine } from './summary.js';

async function loadManifest(path: string): Promise<AgentManifest> {
  const module = (await import(pathToFileURL(isAbsolute(path) ? path : resolve(path)).href)) as { default?: AgentManifest };
  if (!module.default?.functions) throw new HarnessUsageError(`--manifest ${path}: the module has no default export made by defineAgent()`);
  return module.default;
}

async function main(argv: string[]): Promise<number> {
  const cli = parseCliArgs(argv);
  if (cli.help) {
    console.log(USAGE);
    return 0;
  }
  const config = getConfig();
  prettyLogsOnTerminal();
  // A promise some client rejected with nobody listening (an outage surfacing in a background task)
  // is reported, not fatal: every trigger fails and retries its own invocations, so the harness lives on.
  process.on('unhandledRejection', (reason) => {
    console.error(`unhandled rejection (the harness keeps running): ${reason instanceof Error ? `${reason.name}: ${reason.message}` : String(reason)}`);
  });
  // Before the agents are imported: pg, ioredis and http are patched as they load.
  const tracing = config.tracing === 'otlp' ? (await import('../../lib/observability/startTracing.js')).startTracing({ serviceName: 'syntor-harness', exporter: 'otlp' }) : undefined;
  const { agents: registeredAgents } = await import('../../functions/index.js');
  const agents = [...registeredAgents, ...(await Promise.all(cli.manifests.map(loadManifest)))];
  if (agents.length === 0) {
    console.log('No agents are registered in functions/index.ts yet and no --manifest was given: serving /metrics and /health only.');
  }
  console.log(`SYNTOR local harness (${config.environment}) · Kafka ${config.kafka.brokers.join(',')} · tracing ${tracing ? `OTLP to ${process.env.OTEL_EXPORTER_OTLP_ENDPOINT ?? 'http://localhost:4318'}` : 'off (SYNTOR_TRACING=otlp sends traces to Jaeger)'}`);
  const harness = await startHarness({
    config,
    agents,
    ...(cli.agents ? { only: cli.agents } : {}),
    instances: cli.instances,
    fireSchedulesOnStart: cli.fireSchedules,
    eventSource: cli.eventSource,
    bundles: cli.bundles,
    ...(cli.httpPort === undefined ? {} : { ports: { http: cli.httpPort } }),
    log: consoleLog,
  });
  for (const line of harness.plan) console.log(`  ${line}`);
  const where = (host: string, port: number | undefined, path: string) => (port === undefined ? 'off' : `http://${host}:${port}${path}`);
  console.log(
    `HTTP ${where(config.harnessHost, harness.ports.http, '')} · metrics ${where(config.metricsHost, harness.ports.metrics, '/metrics')} · health ${where(config.metricsHost, harness.ports.health, '/health')}`,
  );
  if (harness.ports.http !== undefined) console.log(`Console: ${where(config.harnessHost, harness.ports.http, '/console/')}`);
  console.log('Running. Ctrl-C stops gracefully.');

  const lag = () => harness.metrics.consumerLag.get().then((l) => l.values.reduce((n, v) => n + v.value, 0));
  // On a terminal the live view replaces the log stream (--logs keeps it); a pipe or a file gets the stream.
  const live = process.stdout.isTTY && !cli.logs
    ? startLiveTerminal({
        header: () => [
          `SYNTOR local harness (${config.environment}) · Kafka ${config.kafka.brokers.join(',')} · ${new Date().toISOString().slice(11, 19)}`,
          `HTTP ${where(config.harnessHost, harness.ports.http, '')} · console ${where(config.harnessHost, harness.ports.http, '/console/')} · metrics ${where(config.metricsHost, harness.ports.metrics, '/metrics')} · Ctrl-C stops`,
        ],
        status: () => harness.status(),
        lag,
      })
    : undefined;
  const ticker =
    !live && cli.summarySeconds > 0
      ? setInterval(() => {
          lag().then(
            (total) => console.log(summaryLine(harness.status(), total)),
            (error: unknown) => console.error(`summary: ${(error as Error).message}`),
          );
        }, cli.summarySeconds * 1000)
      : undefined;

  await new Promise<void>((done) => {
    let stopping = false;
    const stop = (signal: string) => {
      if (stopping) {
        console.error(`${signal} again: exiting without waiting.`);
        process.exit(130);
      }
      stopping = true;
      live?.stop();
      console.log(`${signal}: finishing in-flight batches, committing, disconnecting…`);
      clearInterval(ticker);
      harness.stop().then(done, (error: unknown) => {
        console.error(`stop failed: ${(error as Error).message}`);
        done();
      });
    };
    process.once('SIGINT', () => stop('SIGINT'));
    process.once('SIGTERM', () => stop('SIGTERM'));
  });
  console.log(summaryLine(harness.status(), undefined));
  await tracing?.shutdown().catch((error: unknown) => console.error(`traces not exported: ${(error as Error).message}`));
  console.log('Stopped.');
  return 0;
}

runMain(main, (error) => (error instanceof HarnessUsageError ? { message: `${error.message}\n\n${USAGE}`, exitCode: 2 } : undefined));

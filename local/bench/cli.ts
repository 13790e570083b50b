import { randomUUID } from 'node:crypto';
import { parseArgs } from 'node:util';
import { getConfig } from '../../lib/config/index.js';
import { createKafka } from '../../lib/kafka/index.js';
import { ensureServices } from '../services/index.js';
import { agents } from '../../functions/index.js';
import { bareConsumer, fillTopic, harnessConsumer, type ThroughputResult } from './harnessBench.js';
import { coldStarts, invocationCosts, type InvocationCost } from './isolationBench.js';
import { runMain } from '../../lib/cli/runMain.js';
import { coldStartSuite } from './coldStart.js';

const USAGE = `Usage: npm run bench -- <suite> [options]

Suites:
  cold-start [MANIFEST…]
            bundles every function (or those of the given manifest modules) as the CDK app does and
            times importing each bundle in fresh Node processes; targets <= 300 ms, <= 1 MiB
  e2e       tasks/s from submit to completed through coordination and a no-op worker (target >= 1000),
            then p50/p99 latency at a fixed offered rate (target p99 <= 500 ms at 200 tasks/s);
            uses the database syntor_bench
  workflows steps/s through workflows of three chained no-op steps (a → b → c, each reading the
            one before), all submitted at once on syntor.services.request; uses syntor_bench
  harness   records/s through the local harness into a no-op handler (batch size 100), in isolated
            execution environments and in-process, versus a bare kafkajs consumer on the same topic,
            in the same run (target ratio isolated / bare >= 0.70); then the warm per-invocation
            cost of isolation and the cold starts of isolated environments (no-op and real agents)
  observability
            handler throughput (worker execute, batch size 100) with tracing and metrics on (the
            OpenTelemetry SDK, pg/ioredis/http instrumented, EMF written as on Lambda) versus off,
            in alternating fresh processes of the same run; target overhead <= 15 %

Options:
  --records N   records in the topic (default 200000)
  --rounds N    alternating rounds of each side; the best of each is compared (default 2;
                observability: 4, judged on the means)
  --tasks N     e2e: tasks in the throughput run (default 5000)
  --workflows N workflows: workflows submitted (default 1000)
  --batch N     observability: records per invocation (default 100)
  --invocations N
                observability: timed invocations per run (default 500)`;

function row(r: ThroughputResult): string {
  return `  ${r.label.padEnd(28)} ${String(r.records).padStart(8)} records  ${r.seconds.toFixed(2).padStart(7)} s  ${Math.round(r.perSecond).toLocaleString('en-US').padStart(10)} records/s`;
}

function costRow(c: InvocationCost): string {
  return `  ${c.label.padEnd(28)} ${String(c.invocations).padStart(8)} invocations  ${c.microsPerInvocation.toFixed(0).padStart(7)} µs each`;
}

const median = (values: readonly number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

async function harnessSuite(records: number, rounds: number): Promise<number> {
  const config = { ...getConfig(), logLevel: 'error' as const };
  const services = await ensureServices({ config, required: true, log: (l) => console.log(`[services] ${l}`) });
  const kafka = createKafka(config);
  const topic = `bench-harness-${randomUUID().slice(0, 8)}`;
  try {
    console.log(`Filling ${topic} (3 partitions) with ${records} records…`);
    await fillTopic(kafka, topic, records, (l) => console.log(l));
    const bare: ThroughputResult[] = [];
    const isolated: ThroughputResult[] = [];
    const inProcess: ThroughputResult[] = [];
    for (let round = 1; round <= rounds; round += 1) {
      console.log(`Round ${round}/${rounds}`);
      bare.push(await bareConsumer(kafka, topic, records));
      console.log(row(bare.at(-1)!));
      isolated.push(await harnessConsumer(config, kafka, topic, records, 100, true));
      console.log(row(isolated.at(-1)!));
      inProcess.push(await harnessConsumer(config, kafka, topic, records, 100, false));
      console.log(row(inProcess.at(-1)!));
    }
    const best = (rs: ThroughputResult[]) => rs.reduce((a, b) => (b.perSecond > a.perSecond ? b : a));
    const ratio = best(isolated).perSecond / best(bare).perSecond;
    console.log(`\nBest of ${rounds}:`);
    for (const r of [best(bare), best(isolated), best(inProcess)]) console.log(row(r));
    console.log(`  ratio harness (isolated, as npm run local runs) / bare: ${ratio.toFixed(2)} (target >= 0.70) ${ratio >= 0.7 ? 'MET' : 'NOT MET'}`);
    console.log(`  ratio harness (in-process) / bare: ${(best(inProcess).perSecond / best(bare).perSecond).toFixed(2)}`);

    console.log('\nPer-invocation cost of isolation (warm, sequential, no Kafka):');
    const costs = await invocationCosts({ invocations: 2_000, batch: 100 });
    costs.forEach((c) => console.log(costRow(c)));
    console.log(`  isolation overhead: ${(costs[1]!.microsPerInvocation - costs[0]!.microsPerInvocation).toFixed(0)} µs per invocation`);

    console.log('\nCold starts of isolated environments (5 each, fresh environment every time):');
    const starts = await coldStarts(agents, 5);
    for (const id of [...new Set(starts.map((s) => s.functionId))]) {
      const mine = starts.filter((s) => s.functionId === id);
      console.log(`  ${id.padEnd(28)} Init Duration median ${median(mine.map((s) => s.initMs)).toFixed(0).padStart(5)} ms (max ${Math.max(...mine.map((s) => s.initMs)).toFixed(0)}), first invocation median ${median(mine.map((s) => s.firstInvocationMs)).toFixed(0).padStart(5)} ms`);
    }
    return 0;
  } finally {
    const admin = kafka.admin();
    await admin.connect();
    await admin.deleteTopics({ topics: [topic] }).catch(() => undefined);
    await admin.disconnect();
    await services.stop();
  }
}

async function main(argv: string[]): Promise<number> {
  const { positionals, values } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      help: { type: 'boolean', short: 'h' },
      records: { type: 'string' },
      rounds: { type: 'string' },
      tasks: { type: 'string' },
      batch: { type: 'string' },
      invocations: { type: 'string' },
      workflows: { type: 'string' },
    },
  });
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  const records = Number(values.records ?? 200_000);
  const rounds = Number(values.rounds ?? 2);
  if (!Number.isInteger(records) || records < 1_000 || !Number.isInteger(rounds) || rounds < 1) {
    console.error(`--records must be a whole number >= 1000 and --rounds >= 1.\n\n${USAGE}`);
    return 2;
  }
  const suite = positionals[0] ?? 'harness';
  if (suite === 'harness') return harnessSuite(records, rounds);
  if (suite === 'cold-start') return coldStartSuite(positionals.slice(1));
  if (suite === 'e2e' || suite === 'workflows') {
    // Before any configuration is read: the benchmark gets a database and key space of its own.
    process.env.SYNTOR_POSTGRES_DATABASE = 'syntor_bench';
    process.env.SYNTOR_REDIS_KEY_PREFIX = 'syntor-bench:';
    // A line per task would measure the terminal, not SYNTOR; say SYNTOR_LOG_LEVEL=info to see them.
    process.env.SYNTOR_LOG_LEVEL ??= 'warn';
    const config = getConfig();
    const services = await ensureServices({ config, required: true, log: (l) => console.log(`[services] ${l}`) });
    try {
      const log = (l: string) => console.log(l);
      if (suite === 'e2e') await (await import('./e2eBench.js')).e2eSuite({ total: Number(values.tasks ?? 5_000), rate: 200, seconds: 10, log });
      else await (await import('./workflowBench.js')).workflowSuite({ total: Number(values.workflows ?? 1_000), log });
    } finally {
      await services.stop();
    }
    return 0;
  }
  if (suite === 'observability') {
    const batch = Number(values.batch ?? 100);
    const invocations = Number(values.invocations ?? 500);
    if (!Number.isInteger(batch) || batch < 1 || batch > 10_000 || !Number.isInteger(invocations) || invocations < 1) {
      console.error(`--batch must be a whole number from 1 to 10000 and --invocations >= 1.\n\n${USAGE}`);
      return 2;
    }
    process.env.SYNTOR_REDIS_KEY_PREFIX = 'syntor-bench:';
    const config = getConfig();
    const services = await ensureServices({ config, required: true, log: (l) => console.log(`[services] ${l}`) });
    try {
      const { observabilitySuite } = await import('./observabilityBench.js');
      // Runs differ by ±10 % on a shared 2-core machine: more rounds than the other suites by default.
      return await observabilitySuite(config, { batch, invocations, rounds: values.rounds === undefined ? 4 : rounds, log: (l) => console.log(l) });
    } finally {
      await services.stop();
    }
  }
  console.error(`Unknown suite "${suite}".\n\n${USAGE}`);
  return 2;
}

runMain(main);

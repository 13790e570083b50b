import { parseArgs } from 'node:util';
import { getConfig } from '../config/index.js';
import { createKafka } from './client.js';
import { ensureTopics } from './topics.js';
import { runMain } from '../cli/runMain.js';

const USAGE = `Usage: npm run topics -- <command>

Commands:
  create   create the nine SYNTOR topics (partitions: SYNTOR_KAFKA_TOPIC_PARTITIONS); safe to repeat
  list     list the topics on the broker with their partition counts

Brokers come from SYNTOR_KAFKA_BROKERS (default 127.0.0.1:9092).`;

async function main(argv: string[]): Promise<number> {
  const { positionals, values } = parseArgs({ args: argv, allowPositionals: true, options: { help: { type: 'boolean', short: 'h' } } });
  const command = positionals[0];
  if (values.help || command === undefined) {
    console.log(USAGE);
    return values.help ? 0 : 2;
  }
  const config = getConfig();
  const kafka = createKafka(config);
  if (command === 'create') {
    const result = await ensureTopics(kafka.admin(), {
      partitions: config.kafka.topicPartitions,
      replicationFactor: config.kafka.replicationFactor,
    });
    console.log(
      `topics: ${result.created.length} created, ${result.existing.length} already present, ${result.expanded.length} grown to ${config.kafka.topicPartitions} partitions`,
    );
    return 0;
  }
  if (command === 'list') {
    const admin = kafka.admin();
    await admin.connect();
    try {
      const { topics } = await admin.fetchTopicMetadata();
      for (const t of topics.filter((t) => !t.name.startsWith('__')).sort((a, b) => a.name.localeCompare(b.name))) {
        console.log(`${t.name}\t${t.partitions.length} partitions`);
      }
    } finally {
      await admin.disconnect();
    }
    return 0;
  }
  console.error(`Unknown command "${command}".\n\n${USAGE}`);
  return 2;
}

runMain(main);

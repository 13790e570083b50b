import { describe, expect, it } from 'vitest';
import { ALL_TOPICS } from '../../../lib/contracts/index.js';
import { createKafka, ensureTopics } from '../../../lib/kafka/index.js';
import { testConfig, uniqueName } from '../support/testConfig.js';

describe('topic bootstrap', () => {
  const kafka = createKafka(testConfig());

  async function partitionsOf(topics: string[]) {
    const admin = kafka.admin();
    await admin.connect();
    try {
      const { topics: metadata } = await admin.fetchTopicMetadata({ topics });
      return Object.fromEntries(metadata.map((t) => [t.name, t.partitions.length]));
    } finally {
      await admin.disconnect();
    }
  }

  it('creates the nine topics and is safe to run twice', async () => {
    await ensureTopics(kafka.admin(), { partitions: 3, replicationFactor: 1 });
    const second = await ensureTopics(kafka.admin(), { partitions: 3, replicationFactor: 1 });

    expect(second.created).toEqual([]);
    expect(second.existing.sort()).toEqual([...ALL_TOPICS].sort());
    const partitions = await partitionsOf([...ALL_TOPICS]);
    for (const topic of ALL_TOPICS) expect(partitions[topic]).toBeGreaterThanOrEqual(3);
  });

  it('creates a missing topic with the configured partitions, then grows it when more are configured', async () => {
    const topic = uniqueName('it-topics');

    const first = await ensureTopics(kafka.admin(), { partitions: 1, replicationFactor: 1, topics: [topic] });
    const grown = await ensureTopics(kafka.admin(), { partitions: 4, replicationFactor: 1, topics: [topic] });
    const again = await ensureTopics(kafka.admin(), { partitions: 4, replicationFactor: 1, topics: [topic] });

    expect(first.created).toEqual([topic]);
    expect(grown.expanded).toEqual([topic]);
    expect(again).toEqual({ created: [], existing: [topic], expanded: [] });
    expect(await partitionsOf([topic])).toEqual({ [topic]: 4 });
  });
});

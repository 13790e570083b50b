import type { Admin } from 'kafkajs';
import { ALL_TOPICS } from '../contracts/index.js';

export interface EnsureTopicsOptions {
  partitions: number;
  replicationFactor: number;
  /** Defaults to the nine SYNTOR topics. */
  topics?: readonly string[];
}

export interface EnsureTopicsResult {
  created: string[];
  existing: string[];
  /** Existing topics that had fewer partitions than configured and were grown (Kafka cannot shrink). */
  expanded: string[];
}

/**
 * Creates the topics that are missing and grows those with too few partitions. Safe to run any number of times.
 *
 * @example
 * await ensureTopics(kafka.admin(), { partitions: 3, replicationFactor: 1 });
 */
export async function ensureTopics(admin: Admin, options: EnsureTopicsOptions): Promise<EnsureTopicsResult> {
  const wanted = [...(options.topics ?? ALL_TOPICS)];
  await admin.connect();
  try {
    const present = new Set(await admin.listTopics());
    const missing = wanted.filter((t) => !present.has(t));
    const existing = wanted.filter((t) => present.has(t));
    if (missing.length > 0) {
      // createTopics answers false when another process created them first: both outcomes are fine.
      await admin.createTopics({
        waitForLeaders: true,
        topics: missing.map((topic) => ({
          topic,
          numPartitions: options.partitions,
          replicationFactor: options.replicationFactor,
        })),
      });
    }
    const expanded: string[] = [];
    if (existing.length > 0) {
      const { topics } = await admin.fetchTopicMetadata({ topics: existing });
      const tooSmall = topics.filter((t) => t.partitions.length < options.partitions).map((t) => t.name);
      if (tooSmall.length > 0) {
        await admin.createPartitions({ topicPartitions: tooSmall.map((topic) => ({ topic, count: options.partitions })) });
        expanded.push(...tooSmall);
      }
    }
    return { created: missing, existing, expanded };
  } finally {
    await admin.disconnect();
  }
}

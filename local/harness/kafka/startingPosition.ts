import type { Kafka } from 'kafkajs';
import type { KafkaTrigger } from '../../../lib/contracts/index.js';
import type { HarnessLog } from '../log.js';

/**
 * `AT_TIMESTAMP`: a group that has committed nothing on the topic starts each partition at its first
 * record at or after `startingPositionTimestamp` (or its end, when none is); a group with commits
 * resumes from them, as Lambda's starting position only applies to a new mapping. Runs before the
 * trigger's first poller joins the group (kafkajs sets a group's offsets only while it has no members).
 * https://docs.aws.amazon.com/lambda/latest/dg/kafka-starting-positions.html
 */
export async function applyStartingTimestamp(kafka: Kafka, groupId: string, trigger: KafkaTrigger, log: HarnessLog): Promise<void> {
  if (trigger.startingPosition !== 'AT_TIMESTAMP' || trigger.startingPositionTimestamp === undefined) return;
  const admin = kafka.admin();
  await admin.connect();
  try {
    const [committed] = await admin.fetchOffsets({ groupId, topics: [trigger.topic] });
    if ((committed?.partitions ?? []).some((p) => Number(p.offset) >= 0)) return;
    // Lambda takes Unix seconds; Kafka's record timestamps are milliseconds.
    const at = Math.round(trigger.startingPositionTimestamp * 1000);
    const offsets = await admin.fetchTopicOffsetsByTimestamp(trigger.topic, at);
    await admin.setOffsets({ groupId, topic: trigger.topic, partitions: offsets.map(({ partition, offset }) => ({ partition, offset })) });
    log.info(`${groupId}: starting ${trigger.topic} at ${new Date(at).toISOString()} (${offsets.map((o) => `${o.partition}@${o.offset}`).join(', ')})`);
  } finally {
    await admin.disconnect();
  }
}

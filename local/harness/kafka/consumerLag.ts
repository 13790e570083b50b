import type { Admin } from 'kafkajs';

/**
 * Records of `topic` the group has not committed yet: per partition, the high watermark minus the
 * committed offset (or minus the low watermark when the group has committed nothing).
 */
export async function consumerLag(admin: Admin, groupId: string, topic: string): Promise<number> {
  const [watermarks, committed] = await Promise.all([
    admin.fetchTopicOffsets(topic),
    admin.fetchOffsets({ groupId, topics: [topic] }),
  ]);
  const committedByPartition = new Map(
    (committed.find((t) => t.topic === topic)?.partitions ?? []).map((p) => [p.partition, BigInt(p.offset)]),
  );
  let lag = 0n;
  for (const { partition, high, low } of watermarks) {
    const done = committedByPartition.get(partition) ?? -1n;
    const from = done >= 0n ? done : BigInt(low);
    if (BigInt(high) > from) lag += BigInt(high) - from;
  }
  return Number(lag);
}

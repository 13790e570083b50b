import { logLevel } from 'kafkajs';
import { describe, expect, it } from 'vitest';
import { brokerWaitLogCreator } from '../../../lib/kafka/brokerWaitLogCreator.js';

function logger(now: { t: number }) {
  const lines: Record<string, unknown>[] = [];
  const log = brokerWaitLogCreator({ write: (line) => void lines.push(JSON.parse(line) as Record<string, unknown>), now: () => now.t })(logLevel.INFO);
  const entry = (level: number, namespace: string, message: string, extra: Record<string, unknown> = {}) =>
    log({ namespace, level, label: 'ERROR', log: { message, timestamp: '2026-12-08T00:00:00.000Z', logger: 'kafkajs', ...extra } });
  return { lines, entry };
}

describe('the kafkajs log, while the broker warms up', () => {
  it('shows the coordinator chatter of start-up as one "waiting for the broker" line a minute', () => {
    const now = { t: 0 };
    const { lines, entry } = logger(now);
    for (let i = 0; i < 20; i++) entry(logLevel.ERROR, 'Connection', 'Response GroupCoordinator(key: 10, version: 2)', { error: 'The group coordinator is not available' });
    entry(logLevel.WARN, 'Runner', 'The group is rebalancing, re-joining', { groupId: 'g', error: 'The group is rebalancing, so a rejoin is needed' });
    expect(lines).toEqual([
      { level: 'WARN', timestamp: '2026-12-08T00:00:00.000Z', logger: 'kafkajs', message: 'waiting for the broker: the group coordinator is starting (kafkajs retries by itself)' },
      { level: 'WARN', timestamp: '2026-12-08T00:00:00.000Z', logger: 'kafkajs', message: 'waiting for the broker: a consumer group is rebalancing (kafkajs retries by itself)' },
    ]);
    now.t = 61_000;
    entry(logLevel.ERROR, 'Connection', 'Response GroupCoordinator(key: 10, version: 2)', { error: 'The group coordinator is not available' });
    expect(lines).toHaveLength(3);
  });

  it('still shows every other line as kafkajs writes it', () => {
    const { lines, entry } = logger({ t: 0 });
    entry(logLevel.ERROR, 'Connection', 'Connection error: connect ECONNREFUSED 127.0.0.1:9092', { broker: '127.0.0.1:9092' });
    entry(logLevel.ERROR, 'Connection', 'Connection error: connect ECONNREFUSED 127.0.0.1:9092', { broker: '127.0.0.1:9092' });
    expect(lines).toEqual([
      { level: 'ERROR', timestamp: '2026-12-08T00:00:00.000Z', logger: 'kafkajs', message: '[Connection] Connection error: connect ECONNREFUSED 127.0.0.1:9092', broker: '127.0.0.1:9092' },
      { level: 'ERROR', timestamp: '2026-12-08T00:00:00.000Z', logger: 'kafkajs', message: '[Connection] Connection error: connect ECONNREFUSED 127.0.0.1:9092', broker: '127.0.0.1:9092' },
    ]);
  });
});

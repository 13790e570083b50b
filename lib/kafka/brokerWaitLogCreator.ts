import { logLevel as KafkaLogLevel, type logCreator, type LogEntry } from 'kafkajs';

/**
 * What a broker says while it elects coordinators and leaders or rebalances a group: kafkajs retries
 * each by itself, and logs it as an ERROR. Keyed by Kafka's own error text, with what to tell a person.
 */
const TRANSIENT: ReadonlyArray<[pattern: string, meaning: string]> = [
  ['The group coordinator is not available', 'the group coordinator is starting'],
  ["The coordinator is loading and hence can't process requests", 'the group coordinator is loading'],
  ['This is not the correct coordinator for this group', 'the group coordinator moved'],
  ['The group is rebalancing', 'a consumer group is rebalancing'],
  ['There is no leader for this topic-partition', 'a partition leader is being elected'],
];

const LEVEL_NAMES: Record<number, string> = { [KafkaLogLevel.ERROR]: 'ERROR', [KafkaLogLevel.WARN]: 'WARN', [KafkaLogLevel.INFO]: 'INFO', [KafkaLogLevel.DEBUG]: 'DEBUG' };

export interface BrokerWaitLogOptions {
  /** Where lines go (one JSON object each, as kafkajs's own logger writes them). @default console.error / console.log */
  write?: (line: string, level: number) => void;
  /** The same wait is said again after this long. @default 60 s */
  repeatMs?: number;
  now?: () => number;
}

/**
 * kafkajs's logger, with the start-up and rebalance chatter recognised: each kind shows as one
 * "waiting for the broker" line per minute instead of an ERROR per retry; every other line is
 * written as kafkajs would write it.
 */
export function brokerWaitLogCreator({ write = defaultWrite, repeatMs = 60_000, now = Date.now }: BrokerWaitLogOptions = {}): logCreator {
  const said = new Map<string, number>();
  return () =>
    ({ namespace, level, label, log }: LogEntry) => {
      const { message, timestamp, ...extra } = log;
      const text = `${message} ${String((extra as { error?: unknown }).error ?? '')}`;
      const transient = TRANSIENT.find(([pattern]) => text.includes(pattern));
      if (transient) {
        const last = said.get(transient[1]);
        if (last !== undefined && now() - last < repeatMs) return;
        said.set(transient[1], now());
        write(JSON.stringify({ level: 'WARN', timestamp, logger: 'kafkajs', message: `waiting for the broker: ${transient[1]} (kafkajs retries by itself)` }), KafkaLogLevel.WARN);
        return;
      }
      write(JSON.stringify({ level: LEVEL_NAMES[level] ?? label, timestamp, logger: 'kafkajs', message: namespace ? `[${namespace}] ${message}` : message, ...extra }), level);
    };
}

function defaultWrite(line: string, level: number): void {
  if (level <= KafkaLogLevel.WARN) console.error(line);
  else console.log(line);
}

import type { SyntorConfig } from '../../lib/config/index.js';
import { REPO_ROOT } from './constants.js';
import { readLiveBrokerPid } from './kafkaPidFile.js';
import { probeKafka } from './kafkaProbe.js';
import { kafkaStatePaths } from './paths.js';

export interface KafkaStatus {
  readonly address: string;
  readonly reachable: boolean;
  readonly error?: string;
  /** Set when the broker was started by this project (a live pid in .syntor/kafka/kafka.pid). */
  readonly pid?: number;
}

/** Whether a broker answers at the configured addresses, and whether it is ours. */
export async function kafkaStatus(options: {
  readonly config: Pick<SyntorConfig, 'kafka'>;
  readonly repoRoot?: string;
}): Promise<KafkaStatus> {
  const paths = kafkaStatePaths(options.repoRoot ?? REPO_ROOT);
  const [probe, pid] = await Promise.all([
    probeKafka(options.config.kafka.brokers),
    readLiveBrokerPid(paths.pidFile),
  ]);
  return {
    address: options.config.kafka.brokers.join(','),
    reachable: probe.reachable,
    ...(probe.reachable ? {} : { error: probe.error }),
    ...(pid === undefined ? {} : { pid }),
  };
}

import type { SyntorConfig } from '../../lib/config/index.js';
import type { ServiceName } from './constants.js';
import { kafkaStatus } from './kafkaStatus.js';
import { postgresStatus } from './postgres.js';
import { redisStatus } from './redis.js';

export interface ServiceStatus {
  readonly service: ServiceName;
  readonly address: string;
  readonly reachable: boolean;
  readonly error?: string;
  /** Kafka only: the pid of the broker this project started, if it runs. */
  readonly pid?: number;
}

/**
 * One line for a person, e.g. `kafka     reachable at 127.0.0.1:9092 (started by this project, pid 42)`.
 */
export function formatStatusLine(status: ServiceStatus): string {
  const name = status.service.padEnd(9);
  const where = `${status.reachable ? 'reachable' : 'NOT reachable'} at ${status.address}`;
  const notes: string[] = [];
  if (status.pid !== undefined) notes.push(`started by this project, pid ${status.pid}`);
  else if (status.service === 'kafka' && status.reachable) notes.push('not started by this project');
  if (!status.reachable && status.error) notes.push(status.error);
  return `${name} ${where}${notes.length === 0 ? '' : ` (${notes.join('; ')})`}`;
}

/** Probes all three services at once; starts nothing. */
export async function servicesStatus(config: SyntorConfig): Promise<ServiceStatus[]> {
  const [kafka, postgres, redis] = await Promise.all([
    kafkaStatus({ config }),
    postgresStatus({ config }),
    redisStatus({ config }),
  ]);
  return [
    { service: 'kafka', ...kafka },
    { service: 'postgres', ...postgres },
    { service: 'redis', ...redis },
  ];
}

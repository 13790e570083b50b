import type { TestProject } from 'vitest/node';
import { loadConfig } from '../../../lib/config/index.js';
import { createKafka, ensureTopics } from '../../../lib/kafka/index.js';
import { migrate } from '../../../lib/store/index.js';
import { ensureDatabase, ensureServices } from '../../../local/services/index.js';

export const TEST_DATABASE = 'syntor_test';

/**
 * Integration tests run against the real Kafka, PostgreSQL and Redis. This starts what is not
 * running (the native Kafka broker) and fails the whole run, never skips, when a service cannot be had.
 */
export default async function setup(project: TestProject) {
  const config = loadConfig();
  const log = (line: string) => console.log(`[services] ${line}`);
  const services = await ensureServices({ config, required: process.env.CI === 'true', log });
  await ensureDatabase(config, TEST_DATABASE);
  await migrate({ ...config.postgres, database: TEST_DATABASE });
  await ensureTopics(createKafka(config).admin(), { partitions: 3, replicationFactor: 1 });
  project.provide('testDatabase', TEST_DATABASE);
  return async () => {
    await services.stop();
  };
}

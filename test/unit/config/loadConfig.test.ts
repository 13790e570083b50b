import { describe, expect, it } from 'vitest';
import { ConfigInvalidError, loadConfig } from '../../../lib/config/index.js';

describe('loadConfig', () => {
  it('gives the documented defaults when nothing is set', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      environment: 'local',
      logLevel: 'info',
      kafka: { brokers: ['127.0.0.1:9092'] },
      redis: { host: '127.0.0.1', port: 6379 },
      postgres: { host: '127.0.0.1', port: 5432, database: 'syntor' },
      metricsPort: 9090,
      healthPort: 8080,
    });
  });

  it('splits a broker list and reads every connection setting', () => {
    const config = loadConfig({
      SYNTOR_KAFKA_BROKERS: 'b-1.msk:9098, b-2.msk:9098',
      SYNTOR_REDIS_ADDRESS: 'cache.internal:6380',
      SYNTOR_POSTGRES_PORT: '6543',
      SYNTOR_POSTGRES_SSL: 'require',
      SYNTOR_ENVIRONMENT: 'production',
    });
    expect(config.kafka.brokers).toEqual(['b-1.msk:9098', 'b-2.msk:9098']);
    expect(config.redis).toMatchObject({ host: 'cache.internal', port: 6380 });
    expect(config.postgres).toMatchObject({ port: 6543, ssl: true });
    expect(config.environment).toBe('production');
  });

  it('treats an empty variable as unset', () => {
    expect(loadConfig({ SYNTOR_LOG_LEVEL: '' }).logLevel).toBe('info');
  });

  it.each([
    ['SYNTOR_ENVIRONMENT', 'prod', /one of "local"\|"staging"\|"production"/],
    ['SYNTOR_LOG_LEVEL', 'loud', /debug/],
    ['SYNTOR_KAFKA_BROKERS', 'localhost', /host:port/],
    ['SYNTOR_REDIS_ADDRESS', 'redis', /host:port/],
    ['SYNTOR_METRICS_PORT', 'ninety', /port number/],
    ['SYNTOR_HEALTH_PORT', '70000', /65535/],
    ['SYNTOR_POSTGRES_DATABASE', 'x; drop table', /plain database name/],
  ])('fails on a bad %s, naming it and what was expected', (variable, value, expected) => {
    const attempt = () => loadConfig({ [variable]: value });
    expect(attempt).toThrow(ConfigInvalidError);
    try {
      attempt();
    } catch (error) {
      const problem = (error as ConfigInvalidError).problems.find((p) => p.variable === variable);
      expect(problem?.expected).toMatch(expected);
      expect((error as Error).message).toContain(variable);
    }
  });

  it('reports every bad variable at once', () => {
    try {
      loadConfig({ SYNTOR_METRICS_PORT: 'x', SYNTOR_LOG_LEVEL: 'y' });
      expect.unreachable();
    } catch (error) {
      expect((error as ConfigInvalidError).problems.map((p) => p.variable).sort()).toEqual([
        'SYNTOR_LOG_LEVEL',
        'SYNTOR_METRICS_PORT',
      ]);
    }
  });
});

import { describe, expect, it } from 'vitest';
import { describeUnavailable, ServicesCommandError, ServicesUnavailableError } from '../../../local/services/errors.js';

const redisDown = {
  service: 'redis',
  address: '127.0.0.1:6379',
  reason: 'connect ECONNREFUSED 127.0.0.1:6379, and redis-server is not installed here',
  remedy: 'install Redis (apt-get install redis-server), or run it in Docker (docker compose up -d)',
} as const;

describe('describeUnavailable', () => {
  it('names the service, the address, the reason and what to do', () => {
    expect(describeUnavailable(redisDown)).toBe(
      'Redis is not available at 127.0.0.1:6379: connect ECONNREFUSED 127.0.0.1:6379, and redis-server is not installed here.\n' +
        'To fix: install Redis (apt-get install redis-server), or run it in Docker (docker compose up -d)',
    );
  });

  it('says the service is required when it is (CI=true)', () => {
    expect(describeUnavailable({ ...redisDown, required: true })).toMatch(
      /^Redis is required \(CI=true\) but is not available at 127\.0\.0\.1:6379: /,
    );
  });

  it.each([
    ['kafka', 'Kafka'],
    ['postgres', 'PostgreSQL'],
    ['redis', 'Redis'],
  ] as const)('calls %s "%s"', (service, name) => {
    expect(describeUnavailable({ ...redisDown, service })).toMatch(new RegExp(`^${name} is not available`));
  });

  it('puts evidence such as a log tail between the reason and the remedy', () => {
    const message = describeUnavailable({
      ...redisDown,
      service: 'kafka',
      address: '127.0.0.1:9092',
      reason: 'the broker exited during start-up (exit code 1)',
      detail: 'Last lines of broker.log:\nCaused by: java.net.BindException: Address already in use\n',
    });

    expect(message.split('\n')).toEqual([
      'Kafka is not available at 127.0.0.1:9092: the broker exited during start-up (exit code 1).',
      'Last lines of broker.log:',
      'Caused by: java.net.BindException: Address already in use',
      `To fix: ${redisDown.remedy}`,
    ]);
  });
});

describe('ServicesUnavailableError', () => {
  it('carries what a caller needs to act, and is not retriable', () => {
    const cause = new Error('ECONNREFUSED');

    const error = new ServicesUnavailableError({ ...redisDown, required: true }, { cause });

    expect(error).toBeInstanceOf(Error);
    expect(error).toMatchObject({
      name: 'ServicesUnavailableError',
      service: 'redis',
      address: '127.0.0.1:6379',
      reason: redisDown.reason,
      remedy: redisDown.remedy,
      retriable: false,
      cause,
    });
    expect(error.message).toBe(describeUnavailable({ ...redisDown, required: true }));
  });
});

describe('ServicesCommandError', () => {
  it('shows the command, its exit code and what it printed', () => {
    const error = new ServicesCommandError('mvn -B -q dependency:copy-dependencies', 1, '[ERROR] Could not resolve\n');

    expect(error.name).toBe('ServicesCommandError');
    expect(error.message).toBe('`mvn -B -q dependency:copy-dependencies` failed (exit code 1):\n[ERROR] Could not resolve');
  });

  it('names a signal or start failure instead of an exit code', () => {
    expect(new ServicesCommandError('java -version', 'SIGKILL', '').message).toBe('`java -version` failed (SIGKILL)');
  });
});

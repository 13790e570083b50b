import { describe, expect, it } from 'vitest';
import { isLocalHost, parseHostPort } from '../../../local/services/address.js';
import { lastLines, withoutStackFrames } from '../../../local/services/logTail.js';
import { redisServerArgs } from '../../../local/services/redis.js';
import { displayCommandLine } from '../../../local/services/runCommand.js';
import { formatStatusLine } from '../../../local/services/status.js';

describe('parseHostPort', () => {
  it('splits host and port', () => {
    expect(parseHostPort('127.0.0.1:9092')).toEqual({ host: '127.0.0.1', port: 9092 });
  });

  it.each(['127.0.0.1', ':9092', 'host:0', 'host:http'])('rejects %j', (address) => {
    expect(() => parseHostPort(address)).toThrow(/host:port/);
  });
});

describe('isLocalHost', () => {
  it.each(['127.0.0.1', '127.1.2.3', 'localhost', '::1'])('treats %s as this machine', (host) => {
    expect(isLocalHost(host)).toBe(true);
  });

  it.each(['kafka', 'db.example.com', '10.0.0.5', '128.0.0.1'])('treats %s as another machine', (host) => {
    expect(isLocalHost(host)).toBe(false);
  });
});

describe('log tails', () => {
  it('keeps the last lines, ignoring the trailing newline', () => {
    expect(lastLines('a\nb\nc\nd\n', 2)).toBe('c\nd');
    expect(lastLines('only\n', 30)).toBe('only');
  });

  it('drops Java stack frames so that the "Caused by" lines fit', () => {
    const log = [
      'ERROR Unable to start acceptor for CONTROLLER',
      '\tat kafka.network.Acceptor.start(SocketServer.scala:530) ~[kafka_2.13-4.1.1.jar:?]',
      '\t... 6 more',
      'Caused by: java.net.BindException: Address already in use',
    ].join('\n');

    expect(withoutStackFrames(log)).toBe(
      'ERROR Unable to start acceptor for CONTROLLER\nCaused by: java.net.BindException: Address already in use',
    );
  });
});

describe('redisServerArgs', () => {
  it('starts a daemonized, loopback-only Redis without persistence', () => {
    const args = redisServerArgs(6380, '/repo/.syntor/redis');

    expect(args.join(' ')).toContain('--daemonize yes --bind 127.0.0.1 -::1 --port 6380 --save  --appendonly no');
    expect(args).not.toContain('--requirepass');
  });

  it('requires the configured password when there is one', () => {
    expect(redisServerArgs(6379, '/d', 's3cret').slice(-2)).toEqual(['--requirepass', 's3cret']);
  });
});

describe('displayCommandLine', () => {
  it('quotes what a shell would split and hides secrets', () => {
    expect(displayCommandLine('redis-server', ['--save', '', '--requirepass', 's3cret'], ['s3cret'])).toBe(
      'redis-server --save "" --requirepass ***',
    );
    expect(displayCommandLine('java', ['-cp', '/jars/*'])).toBe('java -cp "/jars/*"');
  });
});

describe('formatStatusLine', () => {
  it.each([
    [
      { service: 'kafka', address: '127.0.0.1:9092', reachable: true, pid: 4242 },
      'kafka     reachable at 127.0.0.1:9092 (started by this project, pid 4242)',
    ],
    [
      { service: 'kafka', address: '127.0.0.1:9092', reachable: true },
      'kafka     reachable at 127.0.0.1:9092 (not started by this project)',
    ],
    [
      { service: 'kafka', address: '127.0.0.1:9092', reachable: false, error: 'connect ECONNREFUSED 127.0.0.1:9092' },
      'kafka     NOT reachable at 127.0.0.1:9092 (connect ECONNREFUSED 127.0.0.1:9092)',
    ],
    [{ service: 'postgres', address: '127.0.0.1:5432', reachable: true }, 'postgres  reachable at 127.0.0.1:5432'],
    [
      { service: 'redis', address: '127.0.0.1:6379', reachable: false, error: 'getaddrinfo ENOTFOUND x' },
      'redis     NOT reachable at 127.0.0.1:6379 (getaddrinfo ENOTFOUND x)',
    ],
  ] as const)('formats %j', (status, line) => {
    expect(formatStatusLine(status)).toBe(line);
  });
});

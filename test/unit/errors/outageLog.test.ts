import { describe, expect, it } from 'vitest';
import { createOutageLog } from '../../../lib/errors/outageLog.js';

function recordingLogger() {
  const lines: { level: 'warn' | 'info'; message: string; fields: object }[] = [];
  return {
    lines,
    logger: {
      warn: (fields: object, message: string) => lines.push({ level: 'warn', message, fields }),
      info: (fields: object, message: string) => lines.push({ level: 'info', message, fields }),
    },
  };
}

describe('createOutageLog', () => {
  it('writes one line when the outage starts and one when it ends, however many errors come between', () => {
    // Prepare
    const { lines, logger } = recordingLogger();
    const outage = createOutageLog('redis', () => logger);

    // Act
    outage.up(); // connected at start: nothing to say
    for (let attempt = 0; attempt < 20; attempt += 1) outage.down(new Error('connect ECONNREFUSED 127.0.0.1:6379'));
    outage.up();
    outage.up();

    // Assess
    expect(lines.map((l) => [l.level, l.message.replace(/\d+ ms/, 'N ms')])).toEqual([
      ['warn', 'Redis connection lost: connect ECONNREFUSED 127.0.0.1:6379; reconnecting'],
      ['info', 'Redis connection is back after N ms'],
    ]);
    expect(lines[1]!.fields).toMatchObject({ service: 'redis', errors: 20 });
  });

  it('starts over for the next outage', () => {
    // Prepare
    const { lines, logger } = recordingLogger();
    const outage = createOutageLog('postgres', () => logger);

    // Act
    outage.down(new AggregateError([new Error('connect ECONNREFUSED ::1:5432')]));
    outage.up();
    outage.down(new Error('terminating connection due to administrator command'));

    // Assess
    expect(lines.map((l) => l.message)).toEqual([
      'PostgreSQL connection lost: connect ECONNREFUSED ::1:5432; reconnecting',
      expect.stringMatching(/^PostgreSQL connection is back after \d+ ms$/),
      'PostgreSQL connection lost: terminating connection due to administrator command; reconnecting',
    ]);
  });
});

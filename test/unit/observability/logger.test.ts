import { afterEach, describe, expect, it, vi } from 'vitest';
import { createLogger, REDACTED, setDefaultLogDestination } from '../../../lib/observability/index.js';
import { captureLines } from './capture.js';

describe('createLogger', () => {
  afterEach(() => {
    vi.unstubAllEnvs();
    vi.resetModules();
  });

  it('writes one JSON object per line with the level as a word, an ISO time and msg', () => {
    // Prepare
    const out = captureLines();
    const log = createLogger({ level: 'info', destination: out });

    // Act
    log.info({ applied: 3 }, 'completions recorded');

    // Assess
    expect(out.lines).toEqual([{ level: 'info', time: expect.stringMatching(/^\d{4}-\d\d-\d\dT/), applied: 3, msg: 'completions recorded' }]);
  });

  it.each([
    ['a password', { password: 'XYZZY-hunter2' }],
    ['a token', { token: 'XYZZY-tok' }],
    ['an apiKey', { apiKey: 'XYZZY-key' }],
    ['a secret', { secret: 'XYZZY-shh' }],
    ['an authorization header', { headers: { authorization: 'Bearer XYZZY-bearer' } }],
    ['a cookie header', { headers: { cookie: 'session=XYZZY-cookie' } }],
    ['a nested request authorization', { request: { headers: { Authorization: 'Basic XYZZY-basic' } } }],
    ['a password one level down', { user: { name: 'ada', password: 'XYZZY-nested' } }],
    ['the Postgres and Redis passwords of the config', { config: { postgres: { password: 'XYZZY-pg' }, redis: { password: 'XYZZY-redis' } } }],
    ['a password in a child binding', {}, { password: 'XYZZY-binding' }],
  ])('never writes %s', (_, data, bindings?: Record<string, unknown>) => {
    // Prepare
    const out = captureLines();
    const log = createLogger({ level: 'debug', destination: out, ...(bindings ? { bindings } : {}) });

    // Act
    log.info(data, 'calling out');

    // Assess
    expect(out.text()).not.toContain('XYZZY');
    expect(out.text()).toContain(REDACTED);
  });

  it('writes loggers created without a destination to the default one set for the process', () => {
    // Prepare
    const out = captureLines();
    setDefaultLogDestination(out);

    // Act
    try {
      createLogger({ level: 'info' }).info({ taskId: 't-1' }, 'task completed');
    } finally {
      setDefaultLogDestination(undefined);
    }

    // Assess
    expect(out.lines).toMatchObject([{ taskId: 't-1', msg: 'task completed' }]);
  });

  it('keeps fields that are not secrets', () => {
    const out = captureLines();
    const log = createLogger({ level: 'info', destination: out });

    log.info({ headers: { 'content-type': 'application/json', authorization: 'Bearer x' }, user: 'ada' }, 'request');

    expect(out.lines[0]).toMatchObject({ headers: { 'content-type': 'application/json', authorization: REDACTED }, user: 'ada' });
  });

  it.each([
    ['debug', ['debug', 'info', 'warn', 'error']],
    ['info', ['info', 'warn', 'error']],
    ['warn', ['warn', 'error']],
    ['error', ['error']],
  ])('at SYNTOR_LOG_LEVEL=%s writes only %j', async (level, expected) => {
    // Prepare: a fresh config module, so the variable is read as at a cold start
    vi.stubEnv('SYNTOR_LOG_LEVEL', level);
    vi.resetModules();
    const { createLogger: fresh } = await import('../../../lib/observability/index.js');
    const out = captureLines();
    const log = fresh({ destination: out });

    // Act
    log.debug('d');
    log.info('i');
    log.warn('w');
    log.error('e');

    // Assess
    expect(out.lines.map((line) => line.level)).toEqual(expected);
  });
});

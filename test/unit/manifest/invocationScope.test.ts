import { describe, expect, it } from 'vitest';
import { currentScope, runInScope } from '../../../lib/manifest/index.js';

const status = { functionId: 'coordination-status', produces: ['syntor.dlq', 'syntor.system.events'] };

describe('invocation scope', () => {
  it('is none outside any function: tests, scripts and the CLI write unrestricted', () => {
    expect(currentScope({})).toBeUndefined();
  });

  it('is the harness invocation it runs in, across awaits, and ends with it', async () => {
    // Act
    const seen = await runInScope(status, async () => {
      await new Promise((resolve) => setTimeout(resolve, 1));
      return currentScope({});
    });

    // Assess
    expect(seen).toEqual(status);
    expect(currentScope({})).toBeUndefined();
  });

  it('keeps two concurrent invocations of one process apart', async () => {
    const heartbeat = { functionId: 'worker-alpha-heartbeat', produces: ['syntor.agents.heartbeat'] };
    const later = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms)).then(() => currentScope({})?.functionId);

    const seen = await Promise.all([runInScope(status, () => later(5)), runInScope(heartbeat, () => later(1))]);

    expect(seen).toEqual(['coordination-status', 'worker-alpha-heartbeat']);
  });

  it.each([
    ['a comma list', 'syntor.dlq, syntor.tasks.status', ['syntor.dlq', 'syntor.tasks.status']],
    ['an empty list (a function that writes nothing)', '', []],
  ])('is the Lambda function its environment names, with %s', (_, listed, produces) => {
    expect(currentScope({ SYNTOR_PRODUCES: listed, SYNTOR_FUNCTION: 'worker-alpha-execute' })).toEqual({ functionId: 'worker-alpha-execute', produces });
  });

  it('prefers the invocation to the environment', () => {
    expect(runInScope(status, () => currentScope({ SYNTOR_PRODUCES: '', SYNTOR_FUNCTION: 'other' }))).toEqual(status);
  });
});

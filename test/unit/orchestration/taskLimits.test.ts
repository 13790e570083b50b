import { describe, expect, it } from 'vitest';
import type { TaskLimit } from '../../../lib/config/index.js';
import { CONCURRENCY_RECHECK_MS, createLimitGate, keyValueOf, limitedTypes } from '../../../lib/orchestration/taskLimits.js';
import type { LimitUsage } from '../../../lib/store/index.js';

const clone = (url: string) => ({ type: 'git.clone', payload: { url } });
const usage = (entries: Record<string, Partial<LimitUsage>>) =>
  new Map(Object.entries(entries).map(([type, u]) => [type, { running: u.running ?? new Map(), sentInWindow: u.sentInWindow ?? 0 }]));

describe('task limits', () => {
  const limits: Record<string, TaskLimit> = { 'git.clone': { concurrency: { limit: 1, key: 'url' } }, compute: { ratePerSecond: 2 } };

  it('lets one clone per repository run at a time, and any number of other repositories', () => {
    const gate = createLimitGate(limits, usage({ 'git.clone': { running: new Map([['https://example.com/a.git', 1]]) } }));
    expect(gate.heldBy(clone('https://example.com/a.git'))).toEqual({
      reason: 'waiting for a concurrency slot: at most 1 "git.clone" tasks run at once per url',
      waitMs: CONCURRENCY_RECHECK_MS,
    });
    expect(gate.heldBy(clone('https://example.com/b.git'))).toBeUndefined();
    gate.admit(clone('https://example.com/b.git'));
    // Admitted in this batch counts as running: the batch cannot go past the limit either.
    expect(gate.heldBy(clone('https://example.com/b.git'))?.reason).toMatch(/concurrency slot/);
  });

  it('sends at most the rate per window, counting what the batch itself sent', () => {
    const gate = createLimitGate(limits, usage({ compute: { sentInWindow: 1 } }));
    const task = { type: 'compute', payload: {} };
    expect(gate.heldBy(task)).toBeUndefined();
    gate.admit(task);
    expect(gate.heldBy(task)).toEqual({ reason: 'waiting for the rate limit: at most 2 "compute" tasks are sent out per second', waitMs: 1000 });
  });

  it('spreads a rate below one a second over a longer window of one task', () => {
    const slow = { report: { ratePerSecond: 0.25 } };
    expect(limitedTypes(slow, ['report', 'report', 'other'])).toEqual([{ type: 'report', keyPath: undefined, rateWindowMs: 4000 }]);
    const gate = createLimitGate(slow, usage({ report: { sentInWindow: 1 } }));
    expect(gate.heldBy({ type: 'report', payload: {} })?.waitMs).toBe(4000);
  });

  it('leaves types without limits alone, and limits a type without a key as a whole', () => {
    const gate = createLimitGate({ build: { concurrency: { limit: 2 } } }, usage({ build: { running: new Map([['', 2]]) } }));
    expect(gate.heldBy({ type: 'docs.search', payload: {} })).toBeUndefined();
    expect(gate.heldBy({ type: 'build', payload: { anything: 1 } })?.reason).toBe('waiting for a concurrency slot: at most 2 "build" tasks run at once');
  });

  it('reads a key as PostgreSQL\'s #>> does: nested paths, numbers as text, a missing value as no value', () => {
    expect(keyValueOf({ repository: { name: 'syntor' } }, ['repository', 'name'])).toBe('syntor');
    expect(keyValueOf({ shard: 7 }, ['shard'])).toBe('7');
    expect(keyValueOf({ other: 1 }, ['shard'])).toBe('');
    expect(keyValueOf({ shard: 7 }, undefined)).toBe('');
    // Inherited properties are not payload fields.
    expect(keyValueOf({}, ['constructor'])).toBe('');
  });
});

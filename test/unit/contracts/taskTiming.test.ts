import { describe, expect, it } from 'vitest';
import { capabilitiesFor, startOf, submissionProblems, TASK_MAX_DELAY_MS } from '../../../lib/contracts/index.js';
import { checkSubmission } from '../../../lib/orchestration/submissions.js';

const now = Date.parse('2026-12-08T00:00:00.000Z');

describe('a submission\'s capabilities and start', () => {
  it('always requires the type, then the capabilities asked for, once each', () => {
    expect(capabilitiesFor({ type: 'compute', requiredCapabilities: [] })).toEqual(['compute']);
    expect(capabilitiesFor({ type: 'compute', requiredCapabilities: ['gpu', 'compute'] })).toEqual(['compute', 'gpu']);
  });

  it('starts now, after delayMs, or at runAt; a runAt in the past is now', () => {
    expect(startOf({}, now)).toEqual({});
    expect(startOf({ delayMs: 1500 }, now)).toEqual({ at: new Date(now + 1500) });
    expect(startOf({ runAt: '2026-12-08T01:00:00Z' }, now)).toEqual({ at: new Date('2026-12-08T01:00:00Z') });
    expect(startOf({ runAt: '2026-12-07T01:00:00+01:00' }, now)).toEqual({});
  });

  it('refuses both ways of delaying at once, and a runAt further than the longest delay', () => {
    expect(startOf({ runAt: '2026-12-08T01:00:00Z', delayMs: 5 }, now).error).toEqual({ field: 'delayMs', message: 'give runAt or delayMs, not both' });
    expect(startOf({ runAt: new Date(now + TASK_MAX_DELAY_MS + 60_000).toISOString() }, now).error?.field).toBe('runAt');
    expect(submissionProblems({ payload: {}, runAt: '2026-12-08T01:00:00Z', delayMs: 5 }, 'steps.later')).toEqual([
      { field: 'steps.later.delayMs', message: 'give runAt or delayMs, not both' },
    ]);
  });

  it('names a malformed runAt and a delay past a year at submission', () => {
    const check = checkSubmission({ type: 'compute', runAt: 'tomorrow', delayMs: TASK_MAX_DELAY_MS + 1 });
    expect(check.ok ? [] : check.errors.map((e) => e.field)).toEqual(['runAt', 'delayMs']);
  });
});

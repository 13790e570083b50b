import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { halfOpenCooledCircuits, recordAgentOutcomes } from '../../../lib/orchestration/circuits.js';
import type { CircuitState } from '../../../lib/store/index.js';
import { addAgent, createMemoryDeps } from './memory/memoryDeps.js';

const START = Date.parse('2026-12-08T00:00:00Z');
const failures = (agent: string, n: number) => Array.from({ length: n }, () => ({ agent, success: false }));

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(START);
});
afterEach(() => {
  vi.useRealTimers();
});

describe('recordAgentOutcomes', () => {
  it('opens an agent’s circuit at the threshold of consecutive failures, not before, and says so once', async () => {
    const deps = createMemoryDeps({ circuitThreshold: 3 });
    await addAgent(deps, { name: 'alpha', capabilities: ['compute'], concurrency: 1 });

    await recordAgentOutcomes(deps, failures('alpha', 2));
    const belowThreshold = deps.agents.get('alpha')!.circuitState;
    await recordAgentOutcomes(deps, failures('alpha', 1));
    await recordAgentOutcomes(deps, failures('alpha', 1));

    expect(belowThreshold).toBe('closed');
    expect(deps.agents.get('alpha')).toMatchObject({ circuitState: 'open', consecutiveFailures: 4 });
    expect(deps.producer.systemEvents()).toEqual([expect.objectContaining({ event: 'circuit.opened', subject: 'alpha', severity: 'warning', details: { consecutiveFailures: 3 } })]);
  });

  it('counts only the failures after a success in the same batch', async () => {
    const deps = createMemoryDeps({ circuitThreshold: 3 });
    await addAgent(deps, { name: 'alpha', capabilities: ['compute'], concurrency: 1, consecutiveFailures: 2 });

    await recordAgentOutcomes(deps, [...failures('alpha', 2), { agent: 'alpha', success: true }, ...failures('alpha', 1)]);

    expect(deps.agents.get('alpha')).toMatchObject({ circuitState: 'closed', consecutiveFailures: 1 });
    expect(deps.producer.systemEvents()).toEqual([]);
  });

  it.each<[string, CircuitState, CircuitState, boolean, string | undefined]>([
    ['a closed circuit at the threshold fails', 'closed', 'open', false, 'circuit.opened'],
    ['a half-open circuit’s trial task succeeds', 'half_open', 'closed', true, 'circuit.closed'],
    ['a half-open circuit’s trial task fails', 'half_open', 'open', false, 'circuit.opened'],
    ['a closed circuit succeeds', 'closed', 'closed', true, undefined],
    ['an open circuit finishes a task it had before', 'open', 'open', true, undefined],
  ])('when %s, the circuit goes %s → %s, with a system event for a change', async (_when, from, to, success, event) => {
    const deps = createMemoryDeps({ circuitThreshold: 3 });
    await addAgent(deps, { name: 'alpha', capabilities: ['compute'], concurrency: 1, circuitState: from, consecutiveFailures: 2 });

    await recordAgentOutcomes(deps, [{ agent: 'alpha', success }]);

    expect(deps.agents.get('alpha')!.circuitState).toBe(to);
    expect(deps.producer.systemEvents().map((e) => `${e.event} ${e.subject}`)).toEqual(event ? [`${event} alpha`] : []);
  });

  it('restarts the failure count when a circuit closes', async () => {
    const deps = createMemoryDeps({ circuitThreshold: 3 });
    await addAgent(deps, { name: 'alpha', capabilities: ['compute'], concurrency: 1, circuitState: 'half_open', consecutiveFailures: 3 });

    await recordAgentOutcomes(deps, [{ agent: 'alpha', success: true }]);
    await recordAgentOutcomes(deps, failures('alpha', 2));

    expect(deps.agents.get('alpha')).toMatchObject({ circuitState: 'closed', consecutiveFailures: 2 });
  });
});

describe('halfOpenCooledCircuits', () => {
  it('half-opens the open circuits whose cool-down has passed, each with a system event', async () => {
    const deps = createMemoryDeps({ circuitCooldownMs: 30_000 });
    await addAgent(deps, { name: 'alpha', capabilities: ['compute'], concurrency: 1, circuitState: 'open', circuitChangedMsAgo: 30_001 });
    await addAgent(deps, { name: 'beta', capabilities: ['compute'], concurrency: 1, circuitState: 'open', circuitChangedMsAgo: 10_000 });
    await addAgent(deps, { name: 'gamma', capabilities: ['compute'], concurrency: 1 });

    const halfOpened = await halfOpenCooledCircuits(deps);

    expect(halfOpened).toEqual(['alpha']);
    expect(['alpha', 'beta', 'gamma'].map((name) => deps.agents.get(name)!.circuitState)).toEqual(['half_open', 'open', 'closed']);
    expect(deps.producer.systemEvents().map((e) => `${e.event} ${e.subject}`)).toEqual(['circuit.half_opened alpha']);
  });
});

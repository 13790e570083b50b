import { describe, expect, it } from 'vitest';
import { capabilityScore, leastLoaded, roundRobin, route, type Candidate } from '../../../lib/routing/index.js';

function agent(name: string, overrides: Partial<Candidate> = {}): Candidate {
  return { name, capabilities: ['compute'], concurrency: 4, inFlight: 0, circuitState: 'closed', alive: true, ...overrides };
}

describe('route', () => {
  it('only picks an agent that has every required capability', () => {
    const decision = route({ requiredCapabilities: ['compute', 'http.request'] }, [agent('a'), agent('b', { capabilities: ['compute', 'http.request'] })], leastLoaded);
    expect(decision).toEqual({ agent: expect.objectContaining({ name: 'b' }) });
  });

  it.each([
    ['no agent has the capability', [agent('a')], ['git.clone'], /no registered agent has \[git\.clone\]/, 'no-capable-agent'],
    ['capable agents are not alive', [agent('a', { alive: false })], ['compute'], /no agent with \[compute\] is alive \(a stopped heartbeating\)/, 'no-live-agent'],
    ['circuits are open', [agent('a', { circuitState: 'open' })], ['compute'], /circuit of every agent with \[compute\] is open \(a\)/, 'circuit-open'],
    ['a half-open agent already has its trial task', [agent('a', { circuitState: 'half_open', inFlight: 1 })], ['compute'], /circuit/, 'circuit-open'],
    ['every capable agent is full', [agent('a', { inFlight: 4 })], ['compute'], /at its concurrency limit/, 'at-capacity'],
  ])('leaves the task pending with a reason when %s', (_name, candidates, required, reason, reasonCode) => {
    const decision = route({ requiredCapabilities: required }, candidates, leastLoaded);
    expect(decision).toEqual({ unroutable: expect.stringMatching(reason), reasonCode });
  });

  it('lets one trial task through a half-open circuit', () => {
    expect(route({ requiredCapabilities: [] }, [agent('a', { circuitState: 'half_open' })], leastLoaded)).toEqual({ agent: expect.objectContaining({ name: 'a' }) });
  });
});

describe('strategies', () => {
  const pool = [
    agent('alpha', { capabilities: ['compute', 'data.transform'], inFlight: 3, concurrency: 4 }),
    agent('beta', { capabilities: ['compute', 'http.request', 'data.transform'], inFlight: 1, concurrency: 4 }),
    agent('gamma', { capabilities: ['compute'], inFlight: 2, concurrency: 2 * 4 }),
  ];

  it('least-loaded picks the smallest share of capacity in use', () => {
    expect(leastLoaded(pool, { requiredCapabilities: ['compute'] }, 0).name).toBe('beta');
  });

  it('round-robin takes turns in a stable order', () => {
    expect([0, 1, 2, 3].map((turn) => roundRobin(pool, { requiredCapabilities: [] }, turn).name)).toEqual(['alpha', 'beta', 'gamma', 'alpha']);
  });

  it('capability-score prefers the specialist, then the least loaded', () => {
    expect(capabilityScore(pool, { requiredCapabilities: ['compute'] }, 0).name).toBe('gamma');
    // Strategies only ever see eligible agents: here, the two that have data.transform.
    expect(capabilityScore(pool.slice(0, 2), { requiredCapabilities: ['compute', 'data.transform'] }, 0).name).toBe('alpha');
  });
});

import { beforeEach, describe, expect, it } from 'vitest';
import { dispatchPending, getDeps, recordRegistrations, type Deps } from '../../../lib/orchestration/index.js';
import { resetState } from './support.js';
import { parseSubmissions } from '../../fixtures/parsedSubmissions.js';

async function registerSink(deps: Deps, concurrency = 10) {
  await deps.agents.register({ agent: 'sink', instanceId: 'sink-1', kind: 'worker', capabilities: ['sink'], concurrency, startedAt: new Date().toISOString() });
  await deps.liveness.beat('sink', 'sink-1', 60_000);
}

describe('Redis is a cache: what it loses is rebuilt from PostgreSQL', () => {
  beforeEach(resetState);

  it('rebuilds in-flight slots Redis lost from PostgreSQL before handing any out', async () => {
    const healthy = await getDeps();
    await registerSink(healthy, 2);
    await healthy.tasks.createMany(parseSubmissions([{ type: 'sink', requiredCapabilities: ['sink'] }, { type: 'sink', requiredCapabilities: ['sink'] }]), 'test');
    await dispatchPending(healthy);
    // Redis restarted: its data is gone (only this test's keys are dropped).
    await healthy.redis.del('inflight:sink:tasks', 'inflight:sink:rebuilt');
    await healthy.tasks.createMany(parseSubmissions([{ type: 'sink', requiredCapabilities: ['sink'] }]), 'test');

    const { assigned } = await dispatchPending(healthy);

    expect(assigned).toBe(0);
    expect(await healthy.inFlight.count('sink')).toBe(2);
  });

  it('routes to an agent whose heartbeats PostgreSQL recorded, right after Redis lost every key', async () => {
    const deps = await getDeps();
    await recordRegistrations(deps, [
      { type: 'agent.register', payload: { agent: 'sink', instanceId: 'sink-1', kind: 'worker', capabilities: ['sink'], concurrency: 5, startedAt: new Date().toISOString() } },
      { type: 'agent.heartbeat', payload: { agent: 'sink', instanceId: 'sink-1', inFlight: 0, capacity: 5 } },
    ]);
    // A restarted Redis has nothing: drop this test's whole key space.
    const keys = await deps.redis.keys(`${deps.config.redis.keyPrefix}*`);
    await deps.redis.del(...keys.map((k) => k.slice(deps.config.redis.keyPrefix.length)));
    await deps.tasks.createMany(parseSubmissions([{ type: 'sink', requiredCapabilities: ['sink'] }]), 'test');

    const { assigned, unroutable } = await dispatchPending(deps);

    expect({ assigned, unroutable }).toEqual({ assigned: 1, unroutable: 0 });
    expect(await deps.liveness.aliveInstances('sink')).toEqual(['sink-1']);
  });

  it('does not bring back an instance that stopped', async () => {
    const deps = await getDeps();
    await recordRegistrations(deps, [
      { type: 'agent.register', payload: { agent: 'sink', instanceId: 'sink-1', kind: 'worker', capabilities: ['sink'], concurrency: 5, startedAt: new Date().toISOString() } },
      { type: 'agent.deregister', payload: { agent: 'sink', instanceId: 'sink-1' } },
    ]);
    await deps.redis.del('liveness:rebuilt');
    await deps.tasks.createMany(parseSubmissions([{ type: 'sink', requiredCapabilities: ['sink'] }]), 'test');

    expect(await dispatchPending(deps)).toEqual({ assigned: 0, unroutable: 1 });
  });
});

import { describe, expect, it } from 'vitest';
import coordination from '../../../functions/coordination/agent.js';
import alpha from '../../../functions/worker-alpha/agent.js';
import { agentManifestSchema, ALL_TOPICS, TOPICS, type AgentManifest } from '../../../lib/contracts/index.js';
import { producedTopics } from '../../../lib/manifest/index.js';

const topicsOf = (agent: AgentManifest, name: string) => producedTopics(agent.functions.find((f) => f.name === name)!);

describe('produced topics', () => {
  it('are nothing when a manifest declares none: an undeclared write fails closed', () => {
    const agent = agentManifestSchema.parse({ name: 'quiet', kind: 'worker', functions: [{ name: 'hello', entry: '/x.ts', triggers: [{ type: 'http', method: 'GET', path: '/hello' }] }] });

    expect(agent.functions[0]!.produces).toEqual([]);
    expect(producedTopics(agent.functions[0]!)).toEqual([]);
  });

  it('add syntor.dlq for a Kafka-triggered function, where its poison records go', () => {
    const fn = { produces: [TOPICS.taskStatus], triggers: [{ type: 'kafka', topic: TOPICS.taskAssignment }] } as Parameters<typeof producedTopics>[0];

    expect(producedTopics(fn)).toEqual([TOPICS.deadLetter, TOPICS.taskStatus]);
  });

  it('refuse a name the broker would not accept', () => {
    const parsed = agentManifestSchema.safeParse({ name: 'bad', kind: 'worker', functions: [{ name: 'f', entry: '/x.ts', produces: ['no spaces'], triggers: [{ type: 'schedule', expression: 'rate(1 minute)' }] }] });

    expect(parsed.success).toBe(false);
  });

  it('let a worker report on its tasks but never assign one', () => {
    expect(topicsOf(alpha, 'execute')).toEqual([TOPICS.agentHeartbeat, TOPICS.agentRegistration, TOPICS.deadLetter, TOPICS.taskComplete, TOPICS.taskStatus].sort());
    expect(topicsOf(alpha, 'heartbeat')).toEqual([TOPICS.agentHeartbeat, TOPICS.agentRegistration].sort());
  });

  it('let every coordination function relay the outbox, and only the API redrive to any SYNTOR topic', () => {
    const outbox = [TOPICS.deadLetter, TOPICS.systemEvents, TOPICS.taskAssignment];
    for (const fn of coordination.functions) expect(producedTopics(fn)).toEqual(expect.arrayContaining(outbox));
    expect(topicsOf(coordination, 'api')).toEqual([...ALL_TOPICS].sort());
    expect(topicsOf(coordination, 'status')).toEqual([...outbox].sort());
  });
});

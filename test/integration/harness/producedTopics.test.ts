import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { behaviours } from '../../fixtures/agents/probe/handler.js';
import { probeAgent } from '../../fixtures/agents/probe/manifest.js';
import { createTopic, disconnectProducers, producer, resetHarnesses, runHarness, uniqueName } from './support.js';

afterEach(resetHarnesses);
afterAll(() => disconnectProducers());

describe('a harness-run function writing to Kafka', () => {
  it('may write the topics its manifest produces; a write elsewhere fails its invocation with topic-not-allowed', async () => {
    // Prepare: a function that produces one topic, writing wherever the path says (topics of its own,
    // so no other test's consumer sees these records).
    const [own, other] = [await createTopic(), await createTopic()];
    const name = uniqueName('p');
    const agent = probeAgent(name, [{ name: 'writer', produces: [own], triggers: [{ type: 'http', method: 'POST', path: '/write/{topic}' }] }]);
    const failures: unknown[] = [];
    behaviours.set(`${name}-writer`, async (event) => {
      const topic = (event as APIGatewayProxyEventV2).pathParameters!.topic!;
      await producer.sendRaw(topic, [{ value: '{}' }]).catch((error: unknown) => {
        failures.push(error);
        throw error;
      });
      return { written: topic };
    });
    const harness = await runHarness(agent, { ports: { http: 0, metrics: false, health: false } });
    const write = (topic: string) => fetch(`http://127.0.0.1:${harness.ports.http}/write/${topic}`, { method: 'POST' });

    // Act
    const allowed = await write(own);
    const refused = await write(other);

    // Assess
    expect(allowed.status).toBe(200);
    expect(refused.status).toBe(500);
    expect(failures).toHaveLength(1);
    expect(failures[0]).toMatchObject({ code: 'topic-not-allowed', functionId: `${name}-writer`, topic: other });
    // The same producer outside any invocation (this test) is no function and writes anywhere.
    await expect(producer.sendRaw(other, [{ value: '{}' }])).resolves.toBeDefined();
  });
});

import type { APIGatewayProxyEventV2, ScheduledEvent } from 'aws-lambda';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { behaviours, callsOf } from '../../fixtures/agents/probe/handler.js';
import { probeAgent } from '../../fixtures/agents/probe/manifest.js';
import { captureLog, createTopic, disconnectProducers, produce, resetHarnesses, runHarness, uniqueName, waitFor } from './support.js';

afterEach(resetHarnesses);
afterAll(() => disconnectProducers());

describe('schedule trigger', () => {
  it('invokes the handler with an EventBridge scheduled event', async () => {
    const fn = uniqueName('p');
    const agent = probeAgent(fn, [{ name: 'tick', triggers: [{ type: 'schedule', expression: 'rate(1 minute)' }] }]);

    await runHarness(agent, { fireSchedulesOnStart: true });
    await waitFor('the first tick', () => callsOf(`${fn}-tick`).length === 1);

    const event = callsOf(`${fn}-tick`)[0]!.event as ScheduledEvent;
    expect(event).toMatchObject({ version: '0', source: 'aws.events', 'detail-type': 'Scheduled Event', detail: {} });
    expect(event.resources[0]).toMatch(new RegExp(`:rule/${fn}-tick$`));
  });

  it('retries a failing scheduled invocation with the same event as Lambda does, then logs it dropped', async () => {
    const fn = uniqueName('p');
    const agent = probeAgent(fn, [{ name: 'tick', triggers: [{ type: 'schedule', expression: 'rate(1 hour)' }] }]);
    behaviours.set(`${fn}-tick`, () => {
      throw new Error('sweep failed');
    });
    const log = captureLog();

    const harness = await runHarness(agent, { fireSchedulesOnStart: true, scheduleRetryDelaysMs: [50, 100], log });
    await waitFor('the final failure', () => log.lines.some((line) => line.includes('event dropped')));

    const calls = callsOf(`${fn}-tick`);
    expect(calls).toHaveLength(3);
    expect(new Set(calls.map((call) => (call.event as ScheduledEvent).id)).size).toBe(1);
    expect(calls[1]!.at - calls[0]!.at).toBeGreaterThanOrEqual(45);
    expect(calls[2]!.at - calls[1]!.at).toBeGreaterThanOrEqual(95);
    expect(log.lines.filter((line) => line.includes(`${fn}-tick: scheduled invocation`) && line.includes('retrying in'))).toHaveLength(2);
    expect(log.lines).toContainEqual(expect.stringMatching(new RegExp(`^${fn}-tick: scheduled invocation for \\S+ failed after 3 attempt\\(s\\), event dropped: .*sweep failed$`)));
    expect(harness.status()[0]).toMatchObject({ invocations: 3, failures: 3 });
    expect(harness.plan).toContain(`${fn}-tick  schedule rate(1 hour) (async: runs may overlap, 2 retries of a failure)`);
  });
});

describe('HTTP trigger', () => {
  it('serves routes with the API Gateway HTTP API v2 event and response mapping', async () => {
    const fn = uniqueName('p');
    const agent = probeAgent(fn, [
      { name: 'get-task', triggers: [{ type: 'http', method: 'GET', path: '/tasks/{id}' }] },
      { name: 'submit', triggers: [{ type: 'http', method: 'POST', path: '/tasks' }] },
    ]);
    behaviours.set(`${fn}-get-task`, (event) => ({ id: (event as APIGatewayProxyEventV2).pathParameters?.id }));
    behaviours.set(`${fn}-submit`, () => ({ statusCode: 201, headers: { 'content-type': 'application/json' }, body: '{"created":true}' }));
    const harness = await runHarness(agent, { ports: { http: 0, metrics: false, health: false } });
    const base = `http://127.0.0.1:${harness.ports.http}`;

    const got = await fetch(`${base}/tasks/abc%20def?verbose=1`);
    const posted = await fetch(`${base}/tasks`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"type":"compute"}' });
    const missing = await fetch(`${base}/nope`);

    expect(got.status).toBe(200);
    expect(await got.json()).toEqual({ id: 'abc def' });
    expect(posted.status).toBe(201);
    expect(await posted.json()).toEqual({ created: true });
    expect(missing.status).toBe(404);
    const event = callsOf(`${fn}-submit`)[0]!.event as APIGatewayProxyEventV2;
    expect(event).toMatchObject({ version: '2.0', routeKey: 'POST /tasks', rawPath: '/tasks', body: '{"type":"compute"}', isBase64Encoded: false });
    expect((callsOf(`${fn}-get-task`)[0]!.event as APIGatewayProxyEventV2).queryStringParameters).toEqual({ verbose: '1' });
  });
});

describe('HTTP trigger limits', () => {
  it('refuses a request whose event is over Lambda\'s 6 MB request payload with 413, without invoking, and a result over 6 MB with 500', async () => {
    const fn = uniqueName('p');
    const agent = probeAgent(fn, [
      { name: 'upload', triggers: [{ type: 'http', method: 'POST', path: '/uploads' }] },
      { name: 'export', triggers: [{ type: 'http', method: 'GET', path: '/export' }] },
    ]);
    behaviours.set(`${fn}-export`, () => 'x'.repeat(6_291_556));
    const log = captureLog();
    const harness = await runHarness(agent, { ports: { http: 0, metrics: false, health: false }, log });
    const base = `http://127.0.0.1:${harness.ports.http}`;

    // Under API Gateway's 10 MB, over Lambda's 6,291,456 once it is the event's body.
    const tooLarge = await fetch(`${base}/uploads`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify('a'.repeat(6_300_000)) });
    const fits = await fetch(`${base}/uploads`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify('a'.repeat(6_000_000)) });
    const exported = await fetch(`${base}/export`);

    expect(tooLarge.status).toBe(413);
    expect(await tooLarge.json()).toEqual({ message: 'Request Entity Too Large' });
    expect(fits.status).toBe(200);
    expect(callsOf(`${fn}-upload`)).toHaveLength(1);
    expect(exported.status).toBe(500);
    expect(await exported.json()).toEqual({ message: 'Internal Server Error' });
    expect(log.lines).toContainEqual(expect.stringMatching(new RegExp(`^http: GET /export -> 500 ${fn}-export .*response payload of 6291558 bytes over Lambda's 6291556-byte limit`)));
  });

  it('throttles a route at the stage\'s rate and burst with 429 {"message":"Too Many Requests"}, then lets it through again', async () => {
    const fn = uniqueName('p');
    const agent = probeAgent(fn, [{ name: 'list', triggers: [{ type: 'http', method: 'GET', path: '/tasks' }] }]);
    behaviours.set(`${fn}-list`, () => []);
    const harness = await runHarness(agent, { ports: { http: 0, metrics: false, health: false }, httpLimits: { throttle: { rateLimit: 1, burstLimit: 3 } } });
    const url = `http://127.0.0.1:${harness.ports.http}/tasks`;

    const burst = await Promise.all(Array.from({ length: 5 }, () => fetch(url)));
    const statuses = burst.map((response) => response.status).sort();
    const throttled = burst.find((response) => response.status === 429)!;
    await new Promise((resolve) => setTimeout(resolve, 1_100)); // a token a second
    const later = await fetch(url);

    expect(statuses).toEqual([200, 200, 200, 429, 429]);
    expect(await throttled.json()).toEqual({ message: 'Too Many Requests' });
    expect(callsOf(`${fn}-list`).length).toBe(3 + 1);
    expect(later.status).toBe(200);
  });

  it('applies the deployed stage\'s burst of 200 by default', async () => {
    const fn = uniqueName('p');
    const agent = probeAgent(fn, [{ name: 'list', triggers: [{ type: 'http', method: 'GET', path: '/tasks' }] }]);
    const harness = await runHarness(agent, { ports: { http: 0, metrics: false, health: false } });
    const url = `http://127.0.0.1:${harness.ports.http}/tasks`;

    const statuses: number[] = [];
    for (let batch = 0; batch < 4; batch += 1) {
      statuses.push(...(await Promise.all(Array.from({ length: 100 }, async () => (await fetch(url)).status))));
    }

    // 200 from the bucket, and more refilled at 100 a second while 400 requests go by (in under 2 s).
    expect(statuses.filter((status) => status === 429).length).toBeGreaterThan(0);
    expect(statuses.filter((status) => status === 200).length).toBeGreaterThanOrEqual(200);
  });
});

describe('metrics and health', () => {
  it('counts invocations, filtered records and lag, and reports a failing trigger as degraded', async () => {
    const topic = await createTopic();
    const fn = uniqueName('p');
    const agent = probeAgent(fn, [
      { name: 'counted', triggers: [{ type: 'kafka', topic, batchingWindowMs: 100, filters: [{ value: { keep: [true] } }] }] },
    ]);
    let failing = false;
    behaviours.set(`${fn}-counted`, () => {
      if (failing) throw new Error('down');
    });
    const harness = await runHarness(agent, { ports: { http: false, metrics: 0, health: 0 } });

    await produce(topic, ['{"keep":true}', '{"keep":false}', '{"keep":true}']);
    await waitFor('the invocation', () => callsOf(`${fn}-counted`).length >= 1);
    await waitFor('lag measured', async () => (await (await fetch(`http://127.0.0.1:${harness.ports.metrics}/metrics`)).text()).includes(`syntor_consumer_lag{group="syntor-${fn}-counted"`));

    const metrics = await (await fetch(`http://127.0.0.1:${harness.ports.metrics}/metrics`)).text();
    expect(metrics).toContain(`syntor_handler_invocations_total{agent="${fn}",function="${fn}-counted",trigger="kafka"} 1`);
    expect(metrics).toContain(`syntor_records_filtered_total{agent="${fn}",function="${fn}-counted"} 1`);
    expect(metrics).toMatch(new RegExp(`syntor_handler_batch_size_sum\\{agent="${fn}",function="${fn}-counted"\\} 2`));
    const healthy = await fetch(`http://127.0.0.1:${harness.ports.health}/health`);
    expect(healthy.status).toBe(200);
    expect(await healthy.json()).toMatchObject({ status: 'ok', triggers: [{ functionId: `${fn}-counted`, trigger: `kafka:${topic}`, state: 'running' }] });

    failing = true;
    await produce(topic, ['{"keep":true}']);
    await waitFor('the failure', () => harness.status()[0]!.consecutiveFailures > 0);
    const degraded = await fetch(`http://127.0.0.1:${harness.ports.health}/health`);
    expect(degraded.status).toBe(503);
    expect(await degraded.json()).toMatchObject({ status: 'degraded', triggers: [{ lastError: expect.stringContaining('down') }] });
  });
});

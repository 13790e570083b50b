import { tracing } from '@opentelemetry/sdk-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { agents } from '../../../functions/index.js';
import { startTracing, type Tracing } from '../../../lib/observability/startTracing.js';
import type { RunningHarness } from '../../../local/harness/harness.js';
import { parsePrometheusText, sampleSum } from '../../fixtures/prometheusText.js';
import { disconnectProducers, resetHarnesses, runHarness } from '../harness/support.js';
import { api, eventually, resetState } from '../orchestration/support.js';

const exporter = new tracing.InMemorySpanExporter();
let tracer: Tracing;
let harness: RunningHarness;
let client: ReturnType<typeof api>;

beforeAll(async () => {
  // Agents registered by earlier files (their harnesses stopped) would otherwise be handed these tasks.
  await resetState();
  tracer = startTracing({ serviceName: 'syntor-test', exporter, instrument: false });
  harness = await runHarness(agents[0]!, {
    agents: agents.filter((a) => ['coordination', 'worker-alpha', 'worker-beta'].includes(a.name)),
    ports: { http: 0, metrics: 0, health: false },
    fireSchedulesOnStart: true,
  });
  client = api(`http://127.0.0.1:${harness.ports.http}`);
  await eventually('the workers to register', async () => {
    const { body } = await client.agents();
    const names = (body.agents as { name: string }[]).map((a) => a.name);
    return ['worker-alpha', 'worker-beta'].every((n) => names.includes(n)) ? names : undefined;
  });
});
afterAll(async () => {
  await resetHarnesses();
  await disconnectProducers();
  await tracer.shutdown();
});

async function settled(id: string) {
  return eventually(`task ${id} to settle`, async () => {
    const { body } = await client.task(id);
    return ['completed', 'dead', 'cancelled'].includes(body.status) ? body : undefined;
  });
}

async function scrape() {
  const response = await fetch(`http://127.0.0.1:${harness.ports.metrics}/metrics`);
  expect(response.status).toBe(200);
  return parsePrometheusText(await response.text());
}

const good = (n: number) => ({ type: 'compute', requiredCapabilities: ['compute'], payload: { op: 'fibonacci', n } });
// Invalid input is final: the task goes dead on its first attempt.
const bad = { type: 'compute', requiredCapabilities: ['compute'], payload: { op: 'average', values: [] } };

describe('metrics after an end-to-end run', () => {
  it('counts every submitted task once as completed or dead, and every failed attempt as retried or dead', async () => {
    const before = await scrape();
    const submissions = [...Array.from({ length: 12 }, (_, i) => good(i + 1)), bad, bad, bad];
    const replies = await Promise.all(submissions.map((s) => client.submit(s)));
    expect(replies.map((r) => r.status)).toEqual(submissions.map(() => 201));
    const ids = replies.map((r) => r.body.id as string);
    const tasks = await Promise.all(ids.map(settled));
    expect(tasks.filter((t) => t.status === 'completed')).toHaveLength(12);
    expect(tasks.filter((t) => t.status === 'dead')).toHaveLength(3);

    // The coordinator counts the completions it applied; the metrics may trail the task's status by a moment.
    const after = await eventually('the counters to catch up', async () => {
      const now = await scrape();
      const done = sampleSum(now, 'syntor_tasks_completed_total', { type: 'compute' }) - sampleSum(before, 'syntor_tasks_completed_total', { type: 'compute' });
      const dead = sampleSum(now, 'syntor_tasks_dead_lettered_total', { type: 'compute' }) - sampleSum(before, 'syntor_tasks_dead_lettered_total', { type: 'compute' });
      return done + dead >= 15 ? now : undefined;
    });
    const delta = (name: string, labels: Record<string, string> = { type: 'compute' }) => sampleSum(after, name, labels) - sampleSum(before, name, labels);

    const submitted = delta('syntor_tasks_submitted_total');
    expect(submitted).toBe(15);
    expect(delta('syntor_tasks_completed_total') + delta('syntor_tasks_dead_lettered_total')).toBe(submitted);
    expect(delta('syntor_tasks_failed_total')).toBe(delta('syntor_tasks_retried_total') + delta('syntor_tasks_dead_lettered_total'));
    expect(delta('syntor_tasks_dead_lettered_total', { type: 'compute', code: 'CapabilityInputError' })).toBe(3);
    expect(delta('syntor_tasks_dispatched_total')).toBe(15);
    expect(delta('syntor_task_queue_wait_seconds_count')).toBe(15);
    expect(delta('syntor_task_duration_seconds_count')).toBe(15);
    expect(delta('syntor_dlq_records_total', { reason: 'task-rejected' })).toBe(3);
    // The platform's view, from the harness: invocations of the worker's execute function happened.
    expect(sampleSum(after, 'syntor_handler_invocations_total', { function: 'worker-alpha-execute' }) + sampleSum(after, 'syntor_handler_invocations_total', { function: 'worker-beta-execute' })).toBeGreaterThan(0);
  });
});

describe('one task, one trace', () => {
  it('runs from POST /tasks through dispatch, the worker and the completion, each hop the child of the one before', async () => {
    const callerTrace = '4bf92f3577b34da6a3ce929d0e0e4736';
    const callerSpan = '00f067aa0ba902b7';
    const response = await fetch(`http://127.0.0.1:${harness.ports.http}/tasks`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', traceparent: `00-${callerTrace}-${callerSpan}-01` },
      body: JSON.stringify(good(30)),
    });
    const { id } = (await response.json()) as { id: string };
    expect((await settled(id)).status).toBe('completed');

    const chain = ['server', 'dispatch', 'process syntor.tasks.assignment', 'process syntor.tasks.complete'];
    const spans = await eventually('the completion span', async () => {
      const mine = exporter.getFinishedSpans().filter((s) => s.spanContext().traceId === callerTrace);
      return mine.some((s) => s.name === 'process syntor.tasks.complete') ? mine : undefined;
    });
    const byId = new Map(spans.map((s) => [s.spanContext().spanId, s]));
    const completion = spans.find((s) => s.name === 'process syntor.tasks.complete')!;
    // Walk up from the completion to the caller's span: the path is the task's journey, in order.
    const path: string[] = [];
    let parent = completion.parentSpanContext?.spanId;
    for (let span: tracing.ReadableSpan | undefined = completion; span; span = parent ? byId.get(parent) : undefined) {
      path.unshift(span.kind === 1 /* SERVER */ ? 'server' : span.name);
      parent = span.parentSpanContext?.spanId;
      if (span.kind === 1) {
        expect(parent).toBe(callerSpan);
        break;
      }
    }
    expect(path).toEqual(chain);
    const dispatch = spans.find((s) => s.name === 'dispatch')!;
    expect(dispatch.attributes['syntor.task.id']).toBe(id);
    // The broker request that carried the assignment is in the request's trace, under its span.
    const server = spans.find((s) => s.kind === 1)!;
    const send = spans.find((s) => s.name === 'send syntor.tasks.assignment' && s.parentSpanContext?.spanId === server.spanContext().spanId);
    expect(send?.kind).toBe(3 /* PRODUCER */);
  });
});

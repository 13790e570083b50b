import type { Context } from 'aws-lambda';
import { Registry } from 'prom-client';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { observeHandler } from '../../../lib/handlers/index.js';
import { createEmfWriter, type EmfDocument } from '../../../lib/observability/emf.js';
import { createTaskMetrics, metricsRegistry, taskMetrics } from '../../../lib/observability/metrics.js';

/** The value of `metric` in the one document whose dimensions are exactly `labels`. */
function valueIn(documents: EmfDocument[], metric: string, labels: Record<string, string>): number | undefined {
  const matching = documents.filter((d) => {
    const [directive] = d._aws.CloudWatchMetrics;
    return directive!.Dimensions[0]!.length === Object.keys(labels).length && Object.entries(labels).every(([k, v]) => d[k] === v) && metric in d;
  });
  expect(matching.length).toBeLessThanOrEqual(1);
  return matching[0]?.[metric] as number | undefined;
}

/** Every document is well-formed EMF: each declared metric is a number member, each dimension a string member. */
function expectValidEmf(documents: EmfDocument[]) {
  for (const document of documents) {
    const parsed = JSON.parse(JSON.stringify(document)) as EmfDocument;
    expect(parsed._aws.Timestamp).toEqual(expect.any(Number));
    for (const directive of parsed._aws.CloudWatchMetrics) {
      expect(directive.Namespace).toBe('SYNTOR');
      expect(directive.Metrics.length).toBeGreaterThan(0);
      expect(directive.Metrics.length).toBeLessThanOrEqual(100);
      for (const { Name, Unit } of directive.Metrics) {
        expect(typeof parsed[Name]).toBe('number');
        expect(['Count', 'Seconds', 'None']).toContain(Unit);
      }
      for (const dimension of directive.Dimensions.flat()) expect(typeof parsed[dimension]).toBe('string');
    }
  }
}

describe('createEmfWriter', () => {
  it('writes what changed since the previous flush, with the labels as dimensions', async () => {
    const registry = new Registry();
    const metrics = createTaskMetrics(registry);
    const emf = createEmfWriter(registry, { namespace: 'SYNTOR', dimensions: { environment: 'test' }, now: () => 1_700_000_000_000 });
    metrics.submitted.inc({ type: 'compute' }, 3);
    metrics.completed.inc({ type: 'compute', agent: 'worker-alpha' }, 2);
    metrics.duration.observe({ type: 'compute', agent: 'worker-alpha', outcome: 'success' }, 0.25);
    metrics.duration.observe({ type: 'compute', agent: 'worker-alpha', outcome: 'success' }, 0.5);
    metrics.circuitState.set({ agent: 'worker-beta' }, 1);

    const first = await emf.collect();
    expectValidEmf(first);
    const env = { environment: 'test' };
    expect(valueIn(first, 'syntor_tasks_submitted_total', { ...env, type: 'compute' })).toBe(3);
    expect(valueIn(first, 'syntor_tasks_completed_total', { ...env, type: 'compute', agent: 'worker-alpha' })).toBe(2);
    expect(valueIn(first, 'syntor_task_duration_seconds_count', { ...env, type: 'compute', agent: 'worker-alpha', outcome: 'success' })).toBe(2);
    expect(valueIn(first, 'syntor_task_duration_seconds_sum', { ...env, type: 'compute', agent: 'worker-alpha', outcome: 'success' })).toBeCloseTo(0.75);
    expect(valueIn(first, 'syntor_agent_circuit_state', { ...env, agent: 'worker-beta' })).toBe(1);
    expect(first.every((d) => d._aws.Timestamp === 1_700_000_000_000)).toBe(true);
    const units = Object.fromEntries(first.flatMap((d) => d._aws.CloudWatchMetrics[0]!.Metrics.map((m) => [m.Name, m.Unit])));
    expect(units).toMatchObject({ syntor_tasks_submitted_total: 'Count', syntor_task_duration_seconds_sum: 'Seconds', syntor_agent_circuit_state: 'None' });

    expect(await emf.collect()).toEqual([]);

    metrics.submitted.inc({ type: 'compute' }, 2);
    const second = await emf.collect();
    expect(valueIn(second, 'syntor_tasks_submitted_total', { ...env, type: 'compute' })).toBe(2);
    expect(valueIn(second, 'syntor_agent_circuit_state', { ...env, agent: 'worker-beta' })).toBeUndefined();
  });
});

describe('observeHandler on Lambda', () => {
  const written: string[] = [];
  beforeEach(() => {
    written.length = 0;
    vi.stubEnv('AWS_LAMBDA_FUNCTION_NAME', 'syntor-test-coordination-submit');
    vi.stubEnv('SYNTOR_AGENT', 'coordination');
    vi.stubEnv('SYNTOR_FUNCTION', 'coordination-submit');
    vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
      written.push(String(chunk));
      return true;
    });
  });
  afterEach(() => {
    vi.unstubAllEnvs();
    vi.restoreAllMocks();
  });

  const context = { functionName: 'syntor-test-coordination-submit', awsRequestId: 'req-1' } as Context;
  const httpEvent = { routeKey: 'POST /tasks', requestContext: { http: { method: 'POST' } }, headers: {} };
  const emitted = () => written.flatMap((chunk) => chunk.split('\n')).filter(Boolean).map((line) => JSON.parse(line) as EmfDocument);

  it('writes the invocation and what the handler recorded as EMF, with the same values as the registry', async () => {
    const labels = { type: 'emf-probe' };
    const env = { environment: 'local' };
    const fn = { ...env, agent: 'coordination', function: 'coordination-submit', trigger: 'http' };
    const before = (await metricsRegistry.getSingleMetric('syntor_tasks_submitted_total')!.get()).values.find((v) => v.labels.type === 'emf-probe')?.value ?? 0;
    const handler = observeHandler(async () => {
      taskMetrics.submitted.inc(labels, 4);
      return { statusCode: 201 };
    });

    await handler(httpEvent, context);

    const documents = emitted();
    expectValidEmf(documents);
    const after = (await metricsRegistry.getSingleMetric('syntor_tasks_submitted_total')!.get()).values.find((v) => v.labels.type === 'emf-probe')!.value;
    expect(after - before).toBe(4);
    expect(valueIn(documents, 'syntor_tasks_submitted_total', { ...env, ...labels })).toBe(after - before);
    expect(valueIn(documents, 'syntor_handler_invocations_total', fn)).toBe(1);
    expect(valueIn(documents, 'syntor_handler_errors_total', fn)).toBeUndefined();
    expect(valueIn(documents, 'syntor_handler_duration_seconds_count', fn)).toBe(1);
  });

  it('counts a thrown error and a 5xx answer as errors, and still writes the metrics', async () => {
    const failing = observeHandler(async (): Promise<unknown> => {
      throw new Error('database down');
    });
    const answering500 = observeHandler(async () => ({ statusCode: 503 }));

    await expect(failing(httpEvent, context)).rejects.toThrow('database down');
    await answering500(httpEvent, context);

    const errors = emitted().map((d) => d.syntor_handler_errors_total).filter((v) => v !== undefined);
    expect(errors).toEqual([1, 1]);
  });

  it('writes nothing and records no platform metrics off Lambda (the harness does)', async () => {
    vi.unstubAllEnvs();
    await observeHandler(async () => ({ statusCode: 200 }))(httpEvent, context);
    expect(written).toEqual([]);
  });
});

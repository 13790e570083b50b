import { setTimeout as sleep } from 'node:timers/promises';
import { getDeps } from '../../../lib/orchestration/index.js';

/** Starts each orchestration test file from an empty task table and key space. */
export async function resetState(): Promise<void> {
  const deps = await getDeps();
  await deps.pool.query('TRUNCATE workflows, workflow_steps, tasks, task_events, agents, agent_instances, dead_letters, outbox CASCADE');
  const keys = await deps.redis.keys(`${deps.config.redis.keyPrefix}*`);
  // KEYS answers with the prefix; DEL through this client adds it again.
  if (keys.length > 0) await deps.redis.del(...keys.map((k) => k.slice(deps.config.redis.keyPrefix.length)));
}

export function api(base: string) {
  const call = async (method: string, path: string, body?: unknown) => {
    const response = await fetch(`${base}${path}`, {
      method,
      ...(body === undefined ? {} : { headers: { 'content-type': 'application/json' }, body: typeof body === 'string' ? body : JSON.stringify(body) }),
    });
    // Tests read arbitrary JSON replies field by field; a schema per route would only restate them.
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    return { status: response.status, body: (await response.json()) as Record<string, any> };
  };
  return {
    submit: (task: unknown) => call('POST', '/tasks', task),
    task: (id: string) => call('GET', `/tasks/${id}`),
    tasks: (query = '') => call('GET', `/tasks${query}`),
    agents: () => call('GET', '/agents'),
    cancel: (id: string) => call('POST', `/tasks/${id}/cancel`),
    dlq: () => call('GET', '/dlq'),
    redrive: (id: string) => call('POST', `/dlq/${id}/redrive`),
    submitWorkflow: (workflow: unknown) => call('POST', '/workflows', workflow),
    workflow: (id: string) => call('GET', `/workflows/${id}`),
    workflows: (query = '') => call('GET', `/workflows${query}`),
    cancelWorkflow: (id: string) => call('POST', `/workflows/${id}/cancel`),
  };
}

export async function eventually<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await sleep(100);
  }
}

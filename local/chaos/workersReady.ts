import { waitUntil } from './waitUntil.js';

const WORKERS = ['worker-alpha', 'worker-beta'];

/** True once `GET /agents` lists both compute workers with a live instance (they registered). */
export async function waitForWorkers(httpUrl: string, timeoutMs: number): Promise<boolean> {
  return waitUntil(async () => {
    const response = await fetch(`${httpUrl}/agents`, { signal: AbortSignal.timeout(2_000) });
    if (response.status !== 200) return false;
    const { agents } = (await response.json()) as { agents: { name: string; instances: unknown[] }[] };
    return WORKERS.every((name) => agents.some((a) => a.name === name && a.instances.length > 0));
  }, timeoutMs, 500);
}

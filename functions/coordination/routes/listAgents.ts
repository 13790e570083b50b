import { json } from '../../../lib/handlers/index.js';
import { getDeps } from '../../../lib/orchestration/index.js';

/** GET /agents: every registered agent with its tasks in flight and live instances. */
export async function listAgents() {
  const deps = await getDeps();
  const agents = await deps.agents.list();
  return json(200, {
    agents: await Promise.all(agents.map(async (a) => ({ ...a, inFlight: await deps.inFlight.count(a.name), instances: await deps.liveness.aliveInstances(a.name) }))),
  });
}

import { api } from '../api.js';
import { h, status, table } from '../dom.js';
import { live, type Page } from '../page.js';

interface AgentView { name: string; kind?: string; capabilities: string[]; concurrency: number; inFlight: number; circuitState: string; instances: string[]; lastHeartbeatAt?: string }

export const agentsPage: Page = (root) =>
  live(root, async () => {
    const { agents } = await api<{ agents: AgentView[] }>('GET', '/agents');
    return h(
      'div',
      {},
      h('h1', {}, 'Agents'),
      table(
        ['Agent', 'Instances', 'In flight', 'Circuit', 'Capabilities'],
        agents.map((a) => [a.name, a.instances.join(', ') || h('span', { class: 'muted' }, 'none alive'), `${a.inFlight} / ${a.concurrency}`, status(a.circuitState), a.capabilities.join(', ')]),
        { 'data-testid': 'agents' },
      ),
    );
  });

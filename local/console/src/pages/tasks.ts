import { api } from '../api.js';
import { ago, h, status, table } from '../dom.js';
import { live, type Page } from '../page.js';

interface TaskSummary { id: string; type: string; status: string; assignedAgent?: string; attempt?: number; statusReason?: string; updatedAt: string }
const STATUSES = ['pending', 'assigned', 'running', 'completed', 'failed', 'dead', 'cancelled'];

/** The live list: counts by status, filters kept in the address (status, type, agent, text). */
export const tasksPage: Page = (root) => {
  const filters = new URLSearchParams(location.hash.split('?')[1] ?? '');
  const controls = h('div', { class: 'filters' });
  const list = h('div');
  const field = (name: string, element: HTMLInputElement | HTMLSelectElement) => {
    element.value = filters.get(name) ?? '';
    element.addEventListener('input', () => {
      if (element.value) filters.set(name, element.value);
      else filters.delete(name);
      history.replaceState(null, '', `#/tasks?${filters.toString()}`);
    });
    element.setAttribute('name', name);
    return element;
  };
  controls.append(
    field('status', h('select', {}, h('option', { value: '' }, 'any status'), STATUSES.map((s) => h('option', { value: s }, s))) as HTMLSelectElement),
    field('type', h('input', { placeholder: 'type' }) as HTMLInputElement),
    field('agent', h('input', { placeholder: 'agent' }) as HTMLInputElement),
    field('text', h('input', { placeholder: 'text (id, reason)' }) as HTMLInputElement),
  );
  root.replaceChildren(h('h1', {}, 'Tasks'), controls, list);
  return live(list, async () => {
    const { tasks } = await api<{ tasks: TaskSummary[] }>('GET', `/tasks?limit=500${filters.get('status') ? `&status=${filters.get('status')}` : ''}`);
    const counts = new Map<string, number>();
    for (const t of tasks) counts.set(t.status, (counts.get(t.status) ?? 0) + 1);
    const text = (filters.get('text') ?? '').toLowerCase();
    const shown = tasks.filter(
      (t) =>
        (!filters.get('type') || t.type.includes(filters.get('type')!)) &&
        (!filters.get('agent') || (t.assignedAgent ?? '').includes(filters.get('agent')!)) &&
        (!text || `${t.id} ${t.statusReason ?? ''}`.toLowerCase().includes(text)),
    );
    return h(
      'div',
      {},
      h('div', { class: 'counts' }, STATUSES.filter((s) => counts.has(s)).map((s) => h('span', { 'data-count': s }, status(s), ` ${counts.get(s)}`))),
      table(
        ['Task', 'Type', 'Status', 'Agent', 'Attempt', 'Updated', 'Waiting because'],
        shown.map((t) => [h('a', { class: 'mono', href: `#/tasks/${t.id}` }, t.id.slice(0, 8)), t.type, status(t.status), t.assignedAgent, t.attempt, ago(t.updatedAt), h('span', { class: 'muted' }, t.statusReason)]),
        { 'data-testid': 'tasks' },
      ),
    );
  });
};

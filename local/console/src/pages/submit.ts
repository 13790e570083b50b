import { api } from '../api.js';
import { h } from '../dom.js';
import type { Page } from '../page.js';

/** What to start from, for the built-in types; anything else starts from {}. */
const EXAMPLES: Record<string, unknown> = {
  compute: { op: 'sum', values: [1, 2, 3] },
  'data.transform': { records: [{ name: 'Ada', age: 36 }], steps: [{ type: 'pick', fields: ['name'] }] },
  'http.request': { url: 'https://example.com/', method: 'GET' },
  'git.clone': { url: 'https://github.com/octocat/Hello-World.git' },
  'docs.search': { query: 'install' },
};

/** A task form: the types the registered agents run, a JSON payload (an example filled in), a priority. */
export const submitPage: Page = (root) => {
  const type = h('select', { name: 'type' }) as HTMLSelectElement;
  const payload = h('textarea', { name: 'payload' }) as HTMLTextAreaElement;
  const priority = h('select', { name: 'priority' }, ...[['5', 'normal'], ['1', 'low'], ['10', 'high'], ['15', 'critical']].map(([v, l]) => h('option', { value: v }, l))) as HTMLSelectElement;
  const problem = h('p', { class: 'error' });
  const example = () => (payload.value = JSON.stringify(EXAMPLES[type.value] ?? {}, null, 2));
  type.addEventListener('change', example);
  const form = h(
    'form',
    {
      onsubmit: async (event: Event) => {
        event.preventDefault();
        problem.textContent = '';
        try {
          const body = { type: type.value, priority: Number(priority.value), payload: JSON.parse(payload.value || '{}') as unknown };
          const { id } = await api<{ id: string }>('POST', '/tasks', body);
          location.hash = `#/tasks/${id}`;
        } catch (error) {
          problem.textContent = (error as Error).message;
        }
      },
    },
    h('label', {}, 'Type'),
    type,
    h('label', {}, 'Payload (JSON)'),
    payload,
    h('label', {}, 'Priority'),
    priority,
    h('p', {}, h('button', { type: 'submit' }, 'Submit')),
    problem,
  );
  root.replaceChildren(h('h1', {}, 'Submit a task'), form);
  void api<{ agents: { capabilities: string[] }[] }>('GET', '/agents').then(({ agents }) => {
    const types = [...new Set(agents.flatMap((a) => a.capabilities))].sort();
    type.replaceChildren(...types.map((t) => h('option', { value: t }, t)));
    example();
  });
  return () => undefined;
};

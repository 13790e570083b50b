import { api } from '../api.js';
import { ago, h, status, table } from '../dom.js';
import { live, type Page } from '../page.js';

interface Step { name: string; status: string; type: string; dependsOn: string[]; parent?: string; taskId?: string; taskStatus?: string; startedAt?: string; finishedAt?: string; error?: { code: string; message: string } }
interface Workflow { id: string; name?: string; status: string; createdAt: string; error?: { message?: string }; steps: Step[] }

export const workflowsPage: Page = (root) =>
  live(root, async () => {
    const { workflows } = await api<{ workflows: Omit<Workflow, 'steps'>[] }>('GET', '/workflows?limit=200');
    return h(
      'div',
      {},
      h('h1', {}, 'Workflows'),
      table(['Workflow', 'Name', 'Status', 'Created'], workflows.map((w) => [h('a', { class: 'mono', href: `#/workflows/${w.id}` }, w.id.slice(0, 8)), w.name, status(w.status), ago(w.createdAt)])),
    );
  });

/** One workflow's graph as its steps in order, each with what it waits for and its task. */
export const workflowPage: Page = (root, [id]) =>
  live(root, async () => {
    const w = await api<Workflow>('GET', `/workflows/${id}`);
    const cancel = w.status === 'running' ? h('button', { onclick: () => void api('POST', `/workflows/${w.id}/cancel`).catch((e: Error) => alert(e.message)) }, 'Cancel') : null;
    return h(
      'div',
      {},
      h('h1', {}, `${w.name ?? 'Workflow'} `, status(w.status), ' ', cancel),
      w.error?.message ? h('p', { class: 'error' }, w.error.message) : null,
      table(
        ['Step', 'Waits for', 'Type', 'Status', 'Task', 'Error'],
        w.steps.map((s) => [s.parent ? `  ${s.name}` : s.name, s.dependsOn.join(', '), s.type, status(s.status), s.taskId ? h('a', { class: 'mono', href: `#/tasks/${s.taskId}` }, `${s.taskId.slice(0, 8)} ${s.taskStatus ?? ''}`) : '', s.error ? `${s.error.code}: ${s.error.message}` : '']),
      ),
    );
  });

import { api } from '../api.js';
import { h, json, status, table } from '../dom.js';
import { live, type Page } from '../page.js';

interface TaskEvent { at: string; fromStatus: string | null; toStatus: string; attempt: number; actor: string; detail: Record<string, unknown> }
interface TaskView { id: string; type: string; status: string; priority: number; attempt?: number; assignedAgent?: string; statusReason?: string; traceparent?: string; payload: unknown; result?: unknown; error?: { code: string; message: string }; events: TaskEvent[] }

const TRACE = /^00-([0-9a-f]{32})-/;

/** One task: its timeline, payload, result or error, trace id, and cancel. */
export const taskPage: Page = (root, [id]) =>
  live(root, async () => {
    const task = await api<TaskView>('GET', `/tasks/${id}`);
    const traceId = TRACE.exec(task.traceparent ?? '')?.[1];
    const cancel = ['pending', 'assigned', 'running'].includes(task.status)
      ? h('button', { onclick: () => void api('POST', `/tasks/${task.id}/cancel`).catch((e: Error) => alert(e.message)) }, 'Cancel')
      : null;
    return h(
      'div',
      {},
      h('h1', {}, `${task.type} `, status(task.status), ' ', cancel),
      h('p', { class: 'mono' }, task.id, traceId ? h('span', { class: 'muted' }, ` · trace ${traceId}`) : null, task.assignedAgent ? ` · ${task.assignedAgent}` : '', task.statusReason ? h('span', { class: 'muted' }, ` · ${task.statusReason}`) : null),
      h('h2', {}, 'Timeline'),
      table(['At', 'Transition', 'Attempt', 'Actor', 'Detail'], task.events.map((e) => [e.at, `${e.fromStatus ?? '—'} → ${e.toStatus}`, e.attempt, e.actor, Object.keys(e.detail).length ? JSON.stringify(e.detail) : '']), { 'data-testid': 'timeline' }),
      h('h2', {}, 'Payload'),
      json(task.payload),
      task.error ? h('div', {}, h('h2', {}, 'Error'), h('p', { class: 'error' }, `${task.error.code}: ${task.error.message}`)) : null,
      task.result !== undefined ? h('div', {}, h('h2', {}, 'Result'), h('div', { 'data-testid': 'result' }, json(task.result))) : null,
    );
  });

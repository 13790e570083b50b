import { api } from '../api.js';
import { ago, h, table } from '../dom.js';
import { live, type Page } from '../page.js';

interface DeadLetter { id: string; taskId?: string; reason: string; reasonCode: string; origin: { topic: string; partition: number; offset: string }; value: string | null; failedAt: string; redriveCount: number }

/** A record's value decoded for reading (base64 of what was on the topic; JSON when it is). */
function decoded(value: string | null): string {
  if (value === null) return '';
  const text = atob(value);
  try {
    return JSON.stringify(JSON.parse(text), null, 1);
  } catch {
    return text;
  }
}

export const deadLettersPage: Page = (root) =>
  live(root, async () => {
    const { deadLetters } = await api<{ deadLetters: DeadLetter[] }>('GET', '/dlq');
    const redrive = (id: string) => () => void api('POST', `/dlq/${id}/redrive`).catch((e: Error) => alert(e.message));
    return h(
      'div',
      {},
      h('h1', {}, 'Dead letters'),
      table(
        ['Reason', 'Origin', 'Task', 'Failed', 'Record', ''],
        deadLetters.map((d) => [
          h('span', { title: d.reason }, d.reasonCode),
          h('span', { class: 'mono' }, `${d.origin.topic}/${d.origin.partition}@${d.origin.offset}`),
          d.taskId ? h('a', { class: 'mono', href: `#/tasks/${d.taskId}` }, d.taskId.slice(0, 8)) : '',
          ago(d.failedAt),
          h('pre', {}, decoded(d.value).slice(0, 400)),
          h('button', { onclick: redrive(d.id), 'data-redrive': d.id }, d.redriveCount > 0 ? `Redrive again (${d.redriveCount})` : 'Redrive'),
        ]),
        { 'data-testid': 'dead-letters' },
      ),
    );
  }, 2000);

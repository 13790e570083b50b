import { api } from '../api.js';
import { h, table } from '../dom.js';
import { live, type Page } from '../page.js';

/** As the harness sees its triggers (its own route, beside the API: there is no such thing on AWS). */
export const triggersPage: Page = (root) =>
  live(root, async () => {
    const { triggers } = await api<{ triggers: Record<string, unknown>[] }>('GET', '/console/triggers');
    const columns = [...new Set(triggers.flatMap((t) => Object.keys(t)))];
    return h('div', {}, h('h1', {}, 'Triggers'), table(columns, triggers.map((t) => columns.map((c) => (typeof t[c] === 'object' && t[c] !== null ? JSON.stringify(t[c]) : (t[c] as string | number | undefined))))));
  }, 2000);

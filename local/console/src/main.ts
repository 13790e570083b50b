import { agentsPage } from './pages/agents.js';
import { deadLettersPage } from './pages/deadLetters.js';
import { submitPage } from './pages/submit.js';
import { taskPage } from './pages/task.js';
import { tasksPage } from './pages/tasks.js';
import { triggersPage } from './pages/triggers.js';
import { workflowPage, workflowsPage } from './pages/workflows.js';
import type { Page } from './page.js';

const ROUTES: [RegExp, Page][] = [
  [/^#\/tasks\/([0-9a-f-]{36})$/, taskPage],
  [/^#\/tasks(?:\?.*)?$/, tasksPage],
  [/^#\/submit$/, submitPage],
  [/^#\/workflows\/([0-9a-f-]{36})$/, workflowPage],
  [/^#\/workflows$/, workflowsPage],
  [/^#\/agents$/, agentsPage],
  [/^#\/triggers$/, triggersPage],
  [/^#\/dlq$/, deadLettersPage],
];

let stop: () => void = () => undefined;
let shown = '';

function show(): void {
  const hash = location.hash || '#/tasks';
  const [path] = hash.split('?');
  // A filter change rewrites the query only: the page keeps itself.
  if (path === shown && hash.startsWith('#/tasks?')) return;
  shown = path!;
  stop();
  const root = document.getElementById('page')!;
  for (const link of document.querySelectorAll('nav a')) link.classList.toggle('active', hash.startsWith(link.getAttribute('href')!));
  for (const [pattern, page] of ROUTES) {
    const match = pattern.exec(hash);
    if (match) {
      stop = page(root, match.slice(1));
      return;
    }
  }
  root.textContent = `No page ${hash}`;
  stop = () => undefined;
}

window.addEventListener('hashchange', show);
show();

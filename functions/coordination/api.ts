import { httpApi } from '../../lib/handlers/index.js';
import { cancelTask } from './routes/cancelTask.js';
import { getTask } from './routes/getTask.js';
import { listAgents } from './routes/listAgents.js';
import { listDeadLetters } from './routes/listDeadLetters.js';
import { listTasks } from './routes/listTasks.js';
import { redriveDeadLetter } from './routes/redriveDeadLetter.js';
import { routeAccess } from './routes/routeAccess.js';

/**
 * Queries and control: tasks (with history), agents, dead letters, cancel, redrive; 503 naming a
 * service that is down. 403 without the route's scope (ROUTE_SCOPES); without `syntor/admin` a caller
 * sees only the tasks it submitted, and another's task is 404.
 */
export const handler = httpApi({
  routes: [
    { method: 'GET', path: '/tasks', handler: listTasks },
    { method: 'GET', path: '/tasks/{id}', handler: getTask },
    { method: 'POST', path: '/tasks/{id}/cancel', handler: cancelTask },
    { method: 'GET', path: '/agents', handler: listAgents },
    { method: 'GET', path: '/dlq', handler: listDeadLetters },
    { method: 'POST', path: '/dlq/{id}/redrive', handler: redriveDeadLetter },
  ],
  use: [routeAccess({ idName: 'task or dead letter id' })],
});

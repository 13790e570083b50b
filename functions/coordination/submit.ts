import { httpApi } from '../../lib/handlers/index.js';
import { routeAccess } from './routes/routeAccess.js';
import { submitTask } from './routes/submitTask.js';

/**
 * POST /tasks (see `submitTask`); 403 without the `syntor/submit` scope, 503 naming the service
 * that is down.
 */
export const handler = httpApi({
  routes: [{ method: 'POST', path: '/tasks', handler: submitTask }],
  use: [routeAccess({ forbidden: (routeKey) => `${routeKey} needs the syntor/submit scope` })],
});

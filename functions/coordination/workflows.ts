import { httpApi } from '../../lib/handlers/index.js';
import { cancelWorkflow } from './routes/cancelWorkflow.js';
import { getWorkflow } from './routes/getWorkflow.js';
import { listWorkflows } from './routes/listWorkflows.js';
import { routeAccess } from './routes/routeAccess.js';
import { submitWorkflow } from './routes/submitWorkflow.js';

/**
 * Workflows: POST /workflows, GET /workflows?status=&limit=, GET /workflows/{id} with every step,
 * POST /workflows/{id}/cancel. A caller without `syntor/admin` sees and cancels only its own;
 * another's is 404.
 */
export const handler = httpApi({
  routes: [
    { method: 'POST', path: '/workflows', handler: submitWorkflow },
    { method: 'GET', path: '/workflows', handler: listWorkflows },
    { method: 'GET', path: '/workflows/{id}', handler: getWorkflow },
    { method: 'POST', path: '/workflows/{id}/cancel', handler: cancelWorkflow },
  ],
  use: [routeAccess({ idName: 'workflow id' })],
});

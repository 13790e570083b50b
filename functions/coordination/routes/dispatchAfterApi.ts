import { dispatchAfter } from '../../../lib/handlers/index.js';
import { dispatchPending, getDeps } from '../../../lib/orchestration/index.js';

/** `dispatchAfter` for the HTTP API's writes: pending tasks dispatched as `api`. */
export const dispatchAfterApi = () => dispatchAfter({ dispatch: async () => dispatchPending(await getDeps(), { actor: 'api' }) });

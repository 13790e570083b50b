import { deadlineOf, syntorHandler } from '../../lib/handlers/index.js';
import { getDeps, sweepWhileBusy } from '../../lib/orchestration/index.js';

/** Every minute: re-queue tasks whose lease expired, relay the outbox, half-open cooled circuits, reconcile, dispatch — again every few seconds while work is left. */
export const handler = syntorHandler(async (_event: unknown, context) => sweepWhileBusy(await getDeps(), deadlineOf(context).remainingMs));

import { observeHandler } from '../../lib/handlers/index.js';
import { getDeps, sweep, type SweepResult } from '../../lib/orchestration/index.js';

/** Every minute: re-queue tasks whose lease expired, half-open cooled circuits, reconcile, dispatch. */
export const handler = observeHandler(async (): Promise<SweepResult> => sweep(await getDeps()));

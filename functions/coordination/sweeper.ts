import type { Context } from 'aws-lambda';
import { observeHandler } from '../../lib/handlers/index.js';
import { getDeps, sweepWhileBusy, type SweepResult } from '../../lib/orchestration/index.js';

/** Every minute: re-queue tasks whose lease expired, relay the outbox, half-open cooled circuits, reconcile, dispatch — again every few seconds while work is left. */
export const handler = observeHandler(async (_event: unknown, context: Context): Promise<SweepResult & { sweeps: number }> =>
  sweepWhileBusy(await getDeps(), () => context.getRemainingTimeInMillis()),
);

import { getDeps, sweep, type SweepResult } from '../../lib/orchestration/index.js';

/** Every minute: re-queue tasks whose lease expired, half-open cooled circuits, reconcile, dispatch. */
export async function handler(): Promise<SweepResult> {
  return sweep(await getDeps());
}

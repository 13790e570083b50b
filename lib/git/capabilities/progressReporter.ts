import type { CapabilityContext } from '../../capabilities/types.js';
import type { CloneProgressEvent } from '../operations/clone.js';

/** At most one progress report this often (each is a Kafka message and a lease extension). */
export const PROGRESS_EVERY_MS = 1_000;

/**
 * Turns isomorphic-git's progress events into throttled `ctx.reportProgress` calls: the first event of
 * each phase at once, then at most one per second. A failed report is logged, never fatal to the clone.
 */
export function progressReporter(ctx: Pick<CapabilityContext, 'reportProgress' | 'log'>, now: () => number = Date.now): (event: CloneProgressEvent) => void {
  let last = Number.NEGATIVE_INFINITY;
  let phase = '';
  return (event) => {
    const time = now();
    if (event.phase === phase && time - last < PROGRESS_EVERY_MS) return;
    last = time;
    phase = event.phase;
    const percent = event.total ? Math.round((100 * event.loaded) / event.total) : 0;
    const message = `${event.phase}: ${event.loaded}${event.total ? `/${event.total}` : ''}`;
    ctx.reportProgress(percent, message).catch((error: unknown) => ctx.log.warn('progress report failed', { error: (error as Error).message }));
  };
}

/** The kinds of trigger SYNTOR's functions have, plus a direct call (a test, the CLI). */
export type Trigger = 'http' | 'kafka' | 'schedule' | 'direct';

/** What kind of trigger an event came from, by its shape (API Gateway v2, MSK, EventBridge). */
export function triggerOf(event: unknown): Trigger {
  const e = event as Record<string, unknown> | null;
  if (e && typeof e === 'object') {
    if (e.eventSource === 'aws:kafka') return 'kafka';
    if (typeof e.routeKey === 'string' && e.requestContext) return 'http';
    if (e.source === 'aws.events' || e['detail-type'] === 'Scheduled Event') return 'schedule';
  }
  return 'direct';
}

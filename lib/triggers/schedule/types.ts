/**
 * A parsed schedule expression. A rate fires every `everyMs` from when the schedule starts; a cron
 * expression's `next(after)` is its first fire time strictly after `after`, or `undefined` when its year
 * field has no fire time left.
 */
export type Schedule = { kind: 'rate'; everyMs: number } | { kind: 'cron'; next(after: Date): Date | undefined };

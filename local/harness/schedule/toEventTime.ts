/** ISO 8601 in UTC without fractions of a second, as EventBridge writes `time`: `2015-10-08T16:53:06Z`. */
export function toEventTime(date: Date): string {
  return `${date.toISOString().slice(0, 19)}Z`;
}

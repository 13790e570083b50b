/**
 * A progress reporter that sends at most one report per interval (each is a Kafka message that also
 * extends the task's lease) and never lets a failed report fail the work.
 */
export function throttledProgress(report: (percent: number, message: string) => Promise<void>, intervalMs: number) {
  let last = 0;
  return (percent: number, message: string, force = false): void => {
    const now = Date.now();
    if (!force && now - last < intervalMs) return;
    last = now;
    void report(Math.round(percent), message).catch(() => undefined);
  };
}

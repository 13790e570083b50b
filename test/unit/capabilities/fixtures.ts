import type { CapabilityContext } from '../../../lib/capabilities/index.js';

export interface RecordedLog {
  level: 'info' | 'warn' | 'error';
  message: string;
  data?: Record<string, unknown>;
}

export interface RecordedContext {
  ctx: CapabilityContext;
  progress: Array<{ percent: number; message?: string }>;
  logs: RecordedLog[];
  /** Ends the attempt's time: aborts `ctx.signal`. */
  abort(): void;
}

/** A capability context that records progress reports and log lines; override only what a test is about. */
export function buildCapabilityContext(overrides: { remainingTimeMs?: number; signal?: AbortSignal } = {}): RecordedContext {
  const controller = new AbortController();
  const progress: RecordedContext['progress'] = [];
  const logs: RecordedLog[] = [];
  const record = (level: RecordedLog['level']) => (message: string, data?: Record<string, unknown>) => {
    logs.push(data === undefined ? { level, message } : { level, message, data });
  };
  return {
    ctx: {
      async reportProgress(percent, message) {
        progress.push(message === undefined ? { percent } : { percent, message });
      },
      remainingTimeMs: () => overrides.remainingTimeMs ?? 60_000,
      log: { info: record('info'), warn: record('warn'), error: record('error') },
      signal: overrides.signal ?? controller.signal,
    },
    progress,
    logs,
    abort: () => controller.abort(new Error('the attempt timed out')),
  };
}

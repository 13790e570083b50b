import type { CapabilityContext } from '../capabilities/index.js';

/** What a capability reported while it ran under `capabilityContext`. */
export interface RecordedCapabilityContext extends CapabilityContext {
  progress: { percent: number; message?: string | undefined }[];
  logs: { level: 'info' | 'warn' | 'error'; message: string; fields?: Record<string, unknown> | undefined }[];
}

/**
 * A context for running a capability in a unit test (`runCapability(capability, payload, ctx)`): it
 * records progress and log lines, and its signal aborts after `timeoutMs` as an attempt's would.
 */
export function capabilityContext({ timeoutMs = 60_000 }: { timeoutMs?: number } = {}): RecordedCapabilityContext {
  const deadline = Date.now() + timeoutMs;
  const progress: RecordedCapabilityContext['progress'] = [];
  const logs: RecordedCapabilityContext['logs'] = [];
  const line = (level: 'info' | 'warn' | 'error') => (message: string, fields?: Record<string, unknown>) => void logs.push({ level, message, fields });
  return {
    progress,
    logs,
    reportProgress: async (percent, message) => void progress.push({ percent, message }),
    remainingTimeMs: () => Math.max(0, deadline - Date.now()),
    log: { info: line('info'), warn: line('warn'), error: line('error') },
    signal: AbortSignal.timeout(timeoutMs),
  };
}

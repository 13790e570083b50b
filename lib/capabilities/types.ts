import type { z } from 'zod';

/** Where a capability writes its log lines; `data` is structured and must already be free of secrets. */
export interface CapabilityLogger {
  info(message: string, data?: Record<string, unknown>): void;
  warn(message: string, data?: Record<string, unknown>): void;
  error(message: string, data?: Record<string, unknown>): void;
}

/** What the worker hands a capability for one attempt. */
export interface CapabilityContext {
  /** Report progress 0–100 (the worker turns it into a task.status message that extends the lease). */
  reportProgress(percent: number, message?: string): Promise<void>;
  /** Milliseconds left before the attempt's time is up. */
  remainingTimeMs(): number;
  log: CapabilityLogger;
  /** Aborted when the attempt's time is up: long runs check it and stop. */
  signal: AbortSignal;
}

/**
 * A unit of work a worker agent can perform. The input schema validates the task payload before
 * `run` sees it; the output schema validates what `run` returns before it becomes the task result.
 */
export interface Capability<I = unknown, O = unknown> {
  /** e.g. `compute`, `data.transform`, `http.request`: lower-case words joined by `.` or `-`. */
  name: string;
  description: string;
  input: z.ZodType<I>;
  output: z.ZodType<O>;
  run(input: I, ctx: CapabilityContext): Promise<O>;
}

/** One invalid field of an input or output, named by its dotted path (`steps.2.field`). */
export interface CapabilityFieldIssue {
  path: string;
  message: string;
}

import { randomBytes } from 'node:crypto';

/** W3C Trace Context `traceparent`: version-traceid-parentid-flags. https://www.w3.org/TR/trace-context/#traceparent-header */
const TRACEPARENT = /^00-(?!0{32})[0-9a-f]{32}-(?!0{16})[0-9a-f]{16}-[0-9a-f]{2}$/;

export function isTraceparent(value: string): boolean {
  return TRACEPARENT.test(value);
}

/** A new sampled root trace context, for messages that do not continue a trace. */
export function newTraceparent(): string {
  // One call for both ids: the random source is the cost, per message.
  const hex = randomBytes(24).toString('hex');
  return `00-${hex.slice(0, 32)}-${hex.slice(32)}-01`;
}

/**
 * The 32-hex trace id of a `traceparent` (its second field), or undefined when there is none or it is
 * malformed: the id that joins a task's log lines to its trace.
 *
 * @example
 * traceIdOf('00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01'); // '4bf92f3577b34da6a3ce929d0e0e4736'
 */
export function traceIdOf(traceparent: string | undefined): string | undefined {
  return traceparent !== undefined && isTraceparent(traceparent) ? traceparent.slice(3, 35) : undefined;
}

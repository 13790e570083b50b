import type { ScheduledEvent } from 'aws-lambda';

/** A promise whose settling the test controls. */
export function deferred(): { promise: Promise<void>; resolve: () => void; reject: (error: Error) => void } {
  let resolve!: () => void;
  let reject!: (error: Error) => void;
  const promise = new Promise<void>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

/** An invoke that records the events it receives and answers with `respond` (resolves by default). */
export function recordingInvoke(respond: (event: ScheduledEvent) => Promise<void> = async () => {}) {
  const events: ScheduledEvent[] = [];
  const invoke = (event: ScheduledEvent) => {
    events.push(event);
    return respond(event);
  };
  return { events, invoke, times: () => events.map((event) => event.time) };
}

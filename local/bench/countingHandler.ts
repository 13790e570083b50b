import type { MSKEvent } from 'aws-lambda';

/** The benchmark's no-op handler: it only counts the records it is given. */
export const counter = { records: 0, invocations: 0, firstAt: 0, lastAt: 0 };

export async function handler(event: MSKEvent): Promise<void> {
  const now = performance.now();
  if (counter.records === 0) counter.firstAt = now;
  for (const records of Object.values(event.records)) counter.records += records.length;
  counter.invocations += 1;
  counter.lastAt = now;
}

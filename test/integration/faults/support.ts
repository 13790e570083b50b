import { createServer } from 'node:net';
import { afterEach, beforeEach, expect } from 'vitest';

/** A local port where nothing listens: bound once by the OS, then released. */
export async function deadPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/**
 * Fails the test if anything reaches the process as an uncaught exception or unhandled rejection
 * while it runs: what would have ended the harness or a Lambda instance.
 */
export function failOnUncaught(): { readonly seen: unknown[] } {
  const seen: unknown[] = [];
  const record = (error: unknown) => seen.push(error);
  beforeEach(() => {
    seen.length = 0;
    process.on('uncaughtException', record);
    process.on('unhandledRejection', record);
  });
  afterEach(() => {
    process.off('uncaughtException', record);
    process.off('unhandledRejection', record);
    expect(seen, 'uncaught errors').toEqual([]);
  });
  return { seen };
}

export async function until(what: string, probe: () => Promise<boolean> | boolean, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await probe())) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

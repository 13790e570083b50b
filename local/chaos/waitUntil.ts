import { setTimeout as sleep } from 'node:timers/promises';

/** Polls `check` until it answers true or `timeoutMs` passes; true when it succeeded. */
export async function waitUntil(check: () => Promise<boolean>, timeoutMs: number, pollMs = 200): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await check().catch(() => false)) return true;
    if (Date.now() >= deadline) return false;
    await sleep(pollMs);
  }
}

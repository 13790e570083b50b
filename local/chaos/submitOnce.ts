import { SUBMIT_TIMEOUT_MS } from './constants.js';

export type SubmitOutcome =
  | { readonly ok: true; readonly id: string; readonly status: number }
  | { readonly ok: false; readonly retriable: boolean; readonly kind: string; readonly detail: string };

function errorKind(error: unknown): string {
  const err = error as { name?: string; cause?: { code?: string } };
  if (err.name === 'TimeoutError' || err.name === 'AbortError') return 'timeout';
  return err.cause?.code ?? err.name ?? 'error';
}

/**
 * One `POST /tasks`. Network errors, timeouts, 429 and 5xx are retriable: the idempotency key makes
 * a repeat safe. Any other 4xx is not (the suite sent something wrong).
 */
export async function submitOnce(url: string, body: Record<string, unknown>): Promise<SubmitOutcome> {
  let response: Response;
  let text: string;
  try {
    response = await fetch(`${url}/tasks`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(SUBMIT_TIMEOUT_MS),
    });
    text = await response.text();
  } catch (error) {
    return { ok: false, retriable: true, kind: errorKind(error), detail: (error as Error).message };
  }
  if (response.status === 200 || response.status === 201) {
    const id = (JSON.parse(text) as { id?: unknown }).id;
    if (typeof id === 'string') return { ok: true, id, status: response.status };
    return { ok: false, retriable: false, kind: 'no-id', detail: `HTTP ${response.status} without an id: ${text.slice(0, 300)}` };
  }
  const retriable = response.status === 429 || response.status >= 500;
  return { ok: false, retriable, kind: String(response.status), detail: `HTTP ${response.status}: ${text.slice(0, 300)}` };
}

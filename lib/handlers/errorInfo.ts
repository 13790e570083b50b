import { LIMITS, truncateText } from '../contracts/index.js';

/** An error's explicit code (ours, a SQLSTATE, a capability's), never one made from its class name. */
export function errorInfo(error: unknown): { code: string; message: string } {
  const code = (error as { code?: unknown } | null)?.code;
  const message = error instanceof Error ? error.message : String(error);
  return { code: typeof code === 'string' && code !== '' ? code : 'unknown', message: truncateText(message, LIMITS.errorMessageBytes) };
}

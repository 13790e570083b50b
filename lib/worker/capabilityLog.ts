import type { CapabilityLogger } from '../capabilities/types.js';
import type { Logger } from '../observability/index.js';

/** Capabilities log `(message, data)`; pino takes `(data, message)`. */
export function toCapabilityLogger(logger: Logger): CapabilityLogger {
  const at = (level: 'info' | 'warn' | 'error') => (message: string, data?: Record<string, unknown>) =>
    data ? logger[level](data, message) : logger[level](message);
  return { info: at('info'), warn: at('warn'), error: at('error') };
}

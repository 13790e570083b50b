import { agentNameSchema, capabilitySchema } from '../../lib/contracts/index.js';
import { CliUsageError } from '../errors.js';

/** `orders.price` → `ordersPrice`, `worker-gamma` → `workerGamma`: the name of its TypeScript binding. */
export const identifierOf = (name: string) => name.replace(/[.-]([a-z0-9])/g, (_, c: string) => c.toUpperCase());

export function checkAgentName(name: string | undefined): string {
  const parsed = agentNameSchema.safeParse(name);
  if (!parsed.success) throw new CliUsageError(`"${name ?? ''}" is not an agent name: ${parsed.error.issues[0]!.message}`);
  return parsed.data;
}

export function checkCapabilityName(name: string | undefined): string {
  const parsed = capabilitySchema.safeParse(name);
  if (!parsed.success) throw new CliUsageError(`"${name ?? ''}" is not a capability name: ${parsed.error.issues[0]!.message}`);
  return parsed.data;
}

import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { FunctionManifest } from '../../lib/contracts/index.js';
import { producedTopics } from '../../lib/manifest/index.js';
import { createEnvironmentPool, type EnvironmentPool } from './environment/index.js';
import { HandlerNotFoundError } from './errors.js';
import type { HarnessEnvelopeKeys } from './envelopeKeys.js';
import { createInvoker, type Invoke } from './invoker.js';
import { loadHandler } from './loadHandler.js';
import type { HarnessLog } from './log.js';

export interface InvokerForOptions {
  agent: string;
  functionId: string;
  fn: FunctionManifest;
  isolation: boolean;
  /** The agent's envelope key (and the coordinator's master) go to its function only. */
  envelope: HarnessEnvelopeKeys;
  log: HarnessLog;
  /** Where a new pool is kept, so the harness can close it and collect its metrics. */
  pools: EnvironmentPool[];
}

/**
 * How the harness calls one function: in its own execution environments (the default, as Lambda), or
 * in this process for tests that share the handler's module. Either way a missing module fails at start.
 */
export async function invokerFor(options: InvokerForOptions): Promise<Invoke> {
  const { fn, functionId } = options;
  const produces = producedTopics(fn);
  if (!options.isolation) {
    return createInvoker({ functionId, handler: await loadHandler(functionId, fn), memoryMb: fn.memoryMb, timeoutSeconds: fn.timeoutSeconds, produces, envelope: options.envelope.authFor(options.agent) });
  }
  const path = fn.entry.startsWith('file:') ? fileURLToPath(fn.entry) : fn.entry;
  if (!existsSync(path)) throw new HandlerNotFoundError(functionId, `cannot import ${fn.entry}: no such file`);
  const pool = createEnvironmentPool({
    functionId,
    agent: options.agent,
    entry: fn.entry,
    handler: fn.handler,
    memoryMb: fn.memoryMb,
    timeoutSeconds: fn.timeoutSeconds,
    environment: { ...fn.environment, ...options.envelope.environmentFor(options.agent) },
    produces,
    log: options.log,
  });
  options.pools.push(pool);
  return pool.invoke;
}

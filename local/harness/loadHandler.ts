import { pathToFileURL } from 'node:url';
import type { Context } from 'aws-lambda';
import type { FunctionManifest } from '../../lib/contracts/index.js';
import { HandlerNotFoundError } from './errors.js';

export type Handler = (event: unknown, context: Context) => unknown;

/** Imports a function's handler module once, as Lambda does on a cold start. */
export async function loadHandler(functionId: string, fn: Pick<FunctionManifest, 'entry' | 'handler'>): Promise<Handler> {
  let module: Record<string, unknown>;
  try {
    module = (await import(pathToFileURL(fn.entry).href)) as Record<string, unknown>;
  } catch (error) {
    throw new HandlerNotFoundError(functionId, `cannot import ${fn.entry}: ${(error as Error).message}`, { cause: error });
  }
  const handler = module[fn.handler];
  if (typeof handler !== 'function') {
    throw new HandlerNotFoundError(functionId, `${fn.entry} has no exported function "${fn.handler}"`);
  }
  return handler as Handler;
}

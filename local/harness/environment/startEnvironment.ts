import { Worker } from 'node:worker_threads';
import { deserializeError } from './serializeError.js';
import { EnvironmentCrashedError, EnvironmentInitError } from './errors.js';
import type { EnvironmentInit, FromEnvironment, InvocationPayload, ToEnvironment } from './types.js';

const BOOTSTRAP = new URL('./bootstrap.mjs', import.meta.url);
const RUNTIME = new URL('./runtime.ts', import.meta.url).href;

export interface EnvironmentOptions {
  functionId: string;
  entry: string;
  handler: string;
  memoryMb: number;
  /** The environment's whole `process.env`: a copy, so nothing it sets reaches another function. */
  env: Record<string, string>;
}

export interface InvocationReply {
  /** The handler's result as JSON, or undefined when it returned nothing. */
  result: string | undefined;
  maxHeapMb: number;
}

/** One execution environment: a worker thread with its own module instance, `process.env` and heap limit. */
export interface ExecutionEnvironment {
  /** From the thread's spawn to the handler module loaded: Lambda's `Init Duration`. */
  readonly initMs: number;
  /** The handler's own init phase (its module's import), a part of `initMs`. */
  readonly handlerInitMs: number;
  /** False once it crashed or was terminated: never handed out again. */
  readonly alive: boolean;
  invoke(payload: InvocationPayload, deadline: number, requestId: string): Promise<InvocationReply>;
  metrics(): Promise<unknown[]>;
  terminate(): Promise<void>;
}

interface Pending {
  resolve(value: never): void;
  reject(error: Error): void;
}

function crashReason(error: Error, memoryMb: number): string {
  const code = (error as { code?: unknown }).code;
  if (code === 'ERR_WORKER_OUT_OF_MEMORY') return `Runtime.OutOfMemory: the heap passed the function's memory (${memoryMb} MB)`;
  return `${error.name}: ${error.message}`;
}

/**
 * Starts an execution environment and waits for its init phase. `resourceLimits` caps the V8 heap at
 * the function's memory; Lambda caps the whole process, so native memory (buffers) is not counted here.
 *
 * @throws EnvironmentInitError when the handler module cannot be loaded.
 */
export async function startEnvironment(options: EnvironmentOptions): Promise<ExecutionEnvironment> {
  const started = performance.now();
  const init: EnvironmentInit = { functionId: options.functionId, entry: options.entry, handler: options.handler, memoryMb: options.memoryMb, runtime: RUNTIME };
  const worker = new Worker(BOOTSTRAP, {
    workerData: init,
    env: options.env,
    name: options.functionId,
    resourceLimits: { maxOldGenerationSizeMb: options.memoryMb },
  });
  const pending = new Map<number, Pending>();
  let nextId = 1;
  let alive = true;
  let died: Error | undefined;

  const fail = (error: Error) => {
    alive = false;
    died ??= error;
    for (const p of pending.values()) p.reject(error);
    pending.clear();
  };

  const ready = new Promise<{ handlerInitMs: number }>((resolve, reject) => {
    worker.on('message', (message: FromEnvironment) => {
      if (message.type === 'ready') return resolve({ handlerInitMs: message.initMs });
      if (message.type === 'init-failed') {
        alive = false;
        void worker.terminate();
        return reject(new EnvironmentInitError(options.functionId, `${message.error.name}: ${message.error.message}`));
      }
      const waiting = pending.get(message.id);
      if (!waiting) return;
      pending.delete(message.id);
      if (message.type === 'error') waiting.reject(deserializeError(message.error));
      else if (message.type === 'result') waiting.resolve({ result: message.result, maxHeapMb: message.maxHeapMb } as never);
      else waiting.resolve(message.metrics as never);
    });
    worker.on('error', (error) => {
      const crashed = new EnvironmentCrashedError(options.functionId, crashReason(error, options.memoryMb));
      reject(new EnvironmentInitError(options.functionId, crashed.reason));
      fail(crashed);
    });
    worker.on('exit', (code) => {
      const exited = new EnvironmentCrashedError(options.functionId, `Runtime.ExitError: the environment exited with code ${code}`);
      reject(new EnvironmentInitError(options.functionId, exited.reason));
      fail(died ?? exited);
    });
  });

  const request = <T>(message: ToEnvironment): Promise<T> => {
    if (!alive) return Promise.reject(died ?? new EnvironmentCrashedError(options.functionId, 'the environment is gone'));
    return new Promise<T>((resolve, reject) => {
      pending.set(message.id, { resolve: resolve as (value: never) => void, reject });
      // Packed records are handed over, not copied: the poller has no further use for them.
      worker.postMessage(message, message.type === 'invoke' && 'records' in message ? [message.records.numbers.buffer, message.records.bytes.buffer] : []);
    });
  };

  const { handlerInitMs } = await ready;
  return {
    initMs: performance.now() - started,
    handlerInitMs,
    get alive() {
      return alive;
    },
    invoke: (payload, deadline, requestId) => request<InvocationReply>({ type: 'invoke', id: nextId++, deadline, requestId, ...payload }),
    metrics: () => request<unknown[]>({ type: 'metrics', id: nextId++ }),
    async terminate() {
      alive = false;
      died ??= new EnvironmentCrashedError(options.functionId, 'the environment was terminated');
      await worker.terminate();
    },
  };
}

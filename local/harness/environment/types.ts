/** What an execution environment is started with (its `workerData`). */
export interface EnvironmentInit {
  functionId: string;
  /** Absolute path (or file URL) of the handler module: a TypeScript source or a bundle. */
  entry: string;
  handler: string;
  memoryMb: number;
  /** The runtime module the bootstrap imports once the TypeScript loader is registered. */
  runtime: string;
}

/** Parent → environment. Events and results travel as JSON text, as Lambda's runtime API carries them. */
export type ToEnvironment =
  | { type: 'invoke'; id: number; event: string; deadline: number; requestId: string }
  | { type: 'metrics'; id: number };

/** An error as it crosses the thread boundary: what Lambda reports as errorType / errorMessage, plus SYNTOR's fields. */
export interface SerializedError {
  name: string;
  message: string;
  stack?: string;
  code?: string;
  retriable?: boolean;
}

/** Environment → parent. */
export type FromEnvironment =
  | { type: 'ready'; initMs: number }
  | { type: 'init-failed'; error: SerializedError }
  | { type: 'result'; id: number; result: string | undefined; maxHeapMb: number }
  | { type: 'error'; id: number; error: SerializedError; maxHeapMb: number }
  | { type: 'metrics'; id: number; metrics: unknown[] };

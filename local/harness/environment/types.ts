import type { KafkaEventSource } from '../../../lib/kafka/msk/types.js';
import type { PackedRecords } from './packRecords.js';

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

/**
 * What an invocation carries in: an event as JSON text, as Lambda's runtime API carries it, or a
 * Kafka trigger's records, packed, whose event the environment builds (buildMskEvent, as the harness
 * would) so the poller's thread neither encodes nor serialises it.
 */
export type InvocationPayload = { event: string } | { records: PackedRecords; source?: KafkaEventSource };

/** Parent → environment. Results travel as JSON text. */
export type ToEnvironment =
  | ({ type: 'invoke'; id: number; deadline: number; requestId: string } & InvocationPayload)
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

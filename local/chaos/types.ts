/** The faults the suite can inject, in the order given. */
export const FAULT_NAMES = ['postgres', 'postgres-immediate', 'redis', 'harness', 'kafka'] as const;
export type FaultName = (typeof FAULT_NAMES)[number];

export interface ChaosOptions {
  /** Submit at least this many tasks (more while faults are still being injected). */
  readonly tasks: number;
  /** Submissions per second. */
  readonly rate: number;
  /** Injected one after another while submissions continue, each once, in this order. */
  readonly faults: readonly FaultName[];
  /** Share of tasks built to fail permanently (invalid input), which must end `dead`. */
  readonly failingShare: number;
  /** How long a killed service stays down before it is started again. */
  readonly downMs: number;
  /** After submissions end, how long to wait for every acknowledged task to become terminal. */
  readonly drainTimeoutMs: number;
  /** Where the suite's services keep their files; a new temporary folder by default. */
  readonly workDir?: string;
  /** Keep the work folder (logs, data) after the run. */
  readonly keepWorkDir?: boolean;
  readonly log?: (line: string) => void;
}

/** One acknowledged submission: a 200 or 201 answer to `POST /tasks`. */
export interface Acknowledged {
  readonly key: string;
  readonly id: string;
  readonly designedToFail: boolean;
  readonly ackedAt: number;
  readonly attempts: number;
}

export interface LoadResult {
  readonly submitted: number;
  readonly acknowledged: readonly Acknowledged[];
  /** Tasks whose every attempt failed until the submitter gave up. */
  readonly abandoned: number;
  /** Answers other than 200/201 by kind (`500`, `503`, `ECONNREFUSED`, `timeout`…), retried. */
  readonly errors: Readonly<Record<string, number>>;
  /** The first few error answers, word for word: often the first clue. */
  readonly firstErrors: readonly string[];
  readonly startedAt: number;
  readonly endedAt: number;
}

export interface FaultRecord {
  readonly name: FaultName;
  /** When the fault was injected. */
  readonly at: number;
  /** When the service answered again. */
  readonly restoredAt: number;
  /** Why injecting or restoring failed, if it did. */
  readonly error?: string;
}

export interface FaultRecovery extends FaultRecord {
  readonly downtimeMs: number;
  /** Fault → first task reaching a terminal state after the service was back; undefined if none did. */
  readonly firstTerminalMs?: number;
  /** Fault → the last of the tasks acknowledged before the service was back became terminal; undefined while some are not. */
  readonly drainedMs?: number;
  /** Tasks acknowledged before the service was back that never became terminal. */
  readonly notDrained: number;
}

export interface Violation {
  readonly kind: 'stuck' | 'lost' | 'duplicate-completion' | 'several-terminal-states' | 'wrong-terminal-state' | 'idempotency' | 'harness-died' | 'fault-failed' | 'nothing-acknowledged' | 'unhandled-rejection';
  readonly message: string;
}

export interface Verdict {
  readonly acknowledged: number;
  readonly completed: number;
  readonly dead: number;
  readonly stuck: number;
  /** Stuck tasks by status. */
  readonly stuckByStatus: Readonly<Record<string, number>>;
  readonly lost: number;
  readonly duplicateCompletions: number;
  readonly severalTerminalStates: number;
  readonly wrongTerminalState: number;
  readonly idempotencyMismatches: number;
  readonly violations: readonly Violation[];
}

export interface ChaosReport {
  readonly options: Omit<ChaosOptions, 'log'>;
  readonly load: LoadResult;
  readonly faults: readonly FaultRecovery[];
  readonly verdict: Verdict;
  readonly harnessUnexpectedExits: readonly { at: number; how: string; logTail: string }[];
  readonly durationMs: number;
  readonly workDir: string;
  readonly passed: boolean;
}

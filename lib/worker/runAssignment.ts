import type { Context } from 'aws-lambda';
import { toErrorInfo } from '../capabilities/errorInfo.js';
import { runCapability } from '../capabilities/runCapability.js';
import type { Capability, CapabilityContext } from '../capabilities/types.js';
import { createMessage, type PayloadInput, type TaskAssignPayload } from '../contracts/index.js';
import type { SyntorProducer } from '../kafka/index.js';
import { getLogger, taskLogger, type Logger } from '../observability/index.js';
import type { TraceContext } from '../observability/traceContext.js';
import { toCapabilityLogger } from './capabilityLog.js';
import { checkResultSize, fitErrorInfo } from './resultSize.js';

/** After this long without finishing, the worker says "running" (marks the task, extends the lease). */
const RUNNING_AFTER_MS = 1_000;
/** Time kept back from the invocation's deadline to report the outcome. */
const REPORT_MARGIN_MS = 500;

export interface AssignmentRun {
  assignment: TaskAssignPayload;
  capabilities: ReadonlyMap<string, Capability>;
  instanceId: string;
  context: Context;
  producer: SyntorProducer;
  /** The assignment record's trace context: the status updates continue it, the log lines carry its trace id. */
  trace?: TraceContext;
  /** The assignment envelope's correlation id, carried on the task's log lines. */
  correlationId?: string;
  /** @default getLogger() */
  logger?: Logger;
}

/**
 * Runs one assigned task with the capability named by its type, within the task's timeout (and the
 * invocation's), and returns its `task.complete` payload. Invalid input fails the attempt without
 * retry; a thrown error fails it retriably; a capability this worker lacks is refused; a result over
 * `LIMITS.resultBytes` fails it without retry (`result-too-large`), so the outcome always fits.
 */
export async function runAssignment(run: AssignmentRun): Promise<PayloadInput<'task.complete'>> {
  const { task, attempt, agent } = run.assignment;
  const log = taskLogger(run.logger ?? getLogger(), { taskId: task.id, correlationId: run.correlationId, agent, attempt, traceId: run.trace?.traceId() });
  const outcome = await attemptTask(run, log);
  if (outcome.outcome === 'success') {
    log.info({ type: task.type, durationMs: outcome.durationMs }, 'task completed');
  } else {
    const { code, retriable, message } = outcome.error;
    log.warn({ type: task.type, durationMs: outcome.durationMs, error: { code, retriable, message } }, 'task failed');
  }
  return outcome;
}

async function attemptTask(run: AssignmentRun, log: Logger): Promise<PayloadInput<'task.complete'>> {
  const { assignment, producer, instanceId } = run;
  const { task, attempt, agent } = assignment;
  const started = Date.now();
  const base = { taskId: task.id, attempt, agent, instanceId };
  const capability = run.capabilities.get(task.type);
  if (!capability) {
    const known = [...run.capabilities.keys()].join(', ');
    return { ...base, durationMs: 0, outcome: 'failure', error: { code: 'unsupported-task-type', message: `${agent} cannot run "${task.type}" tasks (it runs: ${known})`, retriable: false } };
  }

  const budget = Math.max(0, Math.min(task.timeoutMs, run.context.getRemainingTimeInMillis() - REPORT_MARGIN_MS));
  const deadline = started + budget;
  const abort = new AbortController();
  const status = (payload: Omit<PayloadInput<'task.status'>, 'taskId' | 'attempt' | 'agent' | 'instanceId'>) =>
    producer.publish(createMessage('task.status', { ...base, ...payload }, { source: agent }), { key: task.id, ...(run.trace ? { trace: run.trace } : {}) });
  const ctx: CapabilityContext = {
    reportProgress: (percent, message) => status({ state: 'progress', progress: Math.max(0, Math.min(100, percent)), ...(message ? { message } : {}) }).then(() => undefined),
    remainingTimeMs: () => Math.max(0, deadline - Date.now()),
    log: toCapabilityLogger(log),
    signal: abort.signal,
  };
  const running = setTimeout(() => void status({ state: 'running' }).catch(() => undefined), RUNNING_AFTER_MS);
  let timer: NodeJS.Timeout | undefined;
  try {
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        abort.abort();
        reject(Object.assign(new Error(`${task.type} did not finish within ${budget} ms`), { name: 'TaskTimeoutError', code: 'TaskTimeoutError', retriable: true }));
      }, budget);
    });
    const result = await Promise.race([runCapability(capability, task.payload, ctx), timeout]);
    checkResultSize(capability.name, result);
    return { ...base, durationMs: Date.now() - started, outcome: 'success', result };
  } catch (error) {
    return { ...base, durationMs: Date.now() - started, outcome: 'failure', error: fitErrorInfo(toErrorInfo(error)) };
  } finally {
    clearTimeout(running);
    clearTimeout(timer);
  }
}

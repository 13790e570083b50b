import type { Context } from 'aws-lambda';
import { toErrorInfo } from '../capabilities/errorInfo.js';
import { runCapability } from '../capabilities/runCapability.js';
import type { Capability, CapabilityContext } from '../capabilities/types.js';
import { createMessage, type PayloadInput, type TaskAssignPayload } from '../contracts/index.js';
import type { SyntorProducer } from '../kafka/index.js';

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
  traceparent?: string;
}

function logger(taskId: string, attempt: number, agent: string) {
  const line = (level: string) => (message: string, data?: Record<string, unknown>) =>
    console.log(JSON.stringify({ level, message, taskId, attempt, agent, ...data }));
  return { info: line('info'), warn: line('warn'), error: line('error') };
}

/**
 * Runs one assigned task with the capability named by its type, within the task's timeout (and the
 * invocation's), and returns its `task.complete` payload. Invalid input fails the attempt without
 * retry; a thrown error fails it retriably; a capability this worker lacks is refused.
 */
export async function runAssignment(run: AssignmentRun): Promise<PayloadInput<'task.complete'>> {
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
    producer.publish(createMessage('task.status', { ...base, ...payload }, { source: agent }), { key: task.id, ...(run.traceparent ? { traceparent: run.traceparent } : {}) });
  const ctx: CapabilityContext = {
    reportProgress: (percent, message) => status({ state: 'progress', progress: Math.max(0, Math.min(100, percent)), ...(message ? { message } : {}) }).then(() => undefined),
    remainingTimeMs: () => Math.max(0, deadline - Date.now()),
    log: logger(task.id, attempt, agent),
    signal: abort.signal,
  };
  const running = setTimeout(() => void status({ state: 'running' }).catch(() => undefined), RUNNING_AFTER_MS);
  let timer: NodeJS.Timeout | undefined;
  try {
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        abort.abort();
        reject(Object.assign(new Error(`${task.type} did not finish within ${budget} ms`), { name: 'TaskTimeoutError', retriable: true }));
      }, budget);
    });
    const result = await Promise.race([runCapability(capability, task.payload, ctx), timeout]);
    return { ...base, durationMs: Date.now() - started, outcome: 'success', result };
  } catch (error) {
    return { ...base, durationMs: Date.now() - started, outcome: 'failure', error: toErrorInfo(error) };
  } finally {
    clearTimeout(running);
    clearTimeout(timer);
  }
}

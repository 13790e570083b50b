import { createMessage, type MessageOf, type PayloadInput, type TaskSubmission } from '../contracts/index.js';
import type { Deps } from './deps.js';
import { checkSubmission, submitTasks } from './submissions.js';

type Response = PayloadInput<'service.response'>;

/** A service request with the trace context of the record it came in. */
export interface ServiceRequestRecord {
  message: MessageOf<'service.request'>;
  traceparent?: string | undefined;
}

const traced = ({ traceparent }: { traceparent?: string | undefined }) => (traceparent ? { traceparent } : {});

/**
 * Answers `service.request` messages addressed to the coordinator. The `task.submit` requests of one
 * batch are inserted together; every request gets a `service.response` carrying its correlation id
 * (its own id when it had none), with an error naming each bad field where it was refused.
 */
export async function answerServiceRequests(deps: Deps, requests: readonly ServiceRequestRecord[]): Promise<void> {
  const responses: Response[] = [];
  const valid: { submission: TaskSubmission; index: number }[] = [];
  requests.forEach(({ message: { payload: { operation, params } } }, index) => {
    if (operation !== 'task.submit') {
      responses[index] = { operation, ok: false, error: { code: 'unknown-operation', message: `coordination has no operation "${operation}" (it has task.submit)`, retriable: false } };
      return;
    }
    const check = checkSubmission(params);
    if (check.ok) valid.push({ submission: { ...check.submission, ...traced(requests[index]!) }, index });
    else responses[index] = { operation, ok: false, error: { code: 'invalid-submission', message: 'Invalid task submission', retriable: false, details: check.errors } };
  });
  const results = await submitTasks(deps, valid.map((v) => v.submission), 'services.request');
  valid.forEach(({ index }, i) => {
    const { task, created } = results[i]!;
    responses[index] = { operation: 'task.submit', ok: true, result: { id: task.id, status: task.status, created } };
  });
  await deps.producer.publishAll(
    requests.map(({ message: request, traceparent }, index) => ({
      message: createMessage('service.response', responses[index]!, {
        source: 'coordination',
        target: request.source,
        correlationId: request.correlationId ?? request.id,
      }),
      options: { key: request.correlationId ?? request.id, ...traced({ traceparent }) },
    })),
  );
}

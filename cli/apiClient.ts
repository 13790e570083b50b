import type { AgentRegisterPayload, DeadLetterPayload, Task, WorkflowView } from '../lib/contracts/index.js';
import type { TaskEvent } from '../lib/store/index.js';
import { ApiRequestError, ApiUnreachableError } from './errors.js';
import type { RequestSigner } from './sigv4.js';

export interface ApiClientOptions {
  /** e.g. http://127.0.0.1:8000 (the local harness) or a deployment's API URL. */
  baseUrl: string;
  /** Sent as `Authorization: Bearer …` (SYNTOR_API_TOKEN locally, a JWT for a deployment). */
  token?: string | undefined;
  /** Signs each request instead (SigV4, for an IAM-authorised API). */
  sign?: RequestSigner | undefined;
}

export type ApiClient = ReturnType<typeof createApiClient>;

/** The HTTP API as the CLI calls it: JSON in and out; an error status or no answer is thrown, named. */
export function createApiClient({ baseUrl, token, sign }: ApiClientOptions) {
  const base = baseUrl.replace(/\/+$/, '');
  async function call<T>(method: 'GET' | 'POST', path: string, body?: unknown): Promise<T> {
    const request = `${method} ${path}`;
    const url = new URL(`${base}${path}`);
    const payload = body === undefined ? undefined : JSON.stringify(body);
    let headers: Record<string, string> = { accept: 'application/json', ...(payload === undefined ? {} : { 'content-type': 'application/json' }), ...(token ? { authorization: `Bearer ${token}` } : {}) };
    if (sign) headers = await sign({ method, url, headers, ...(payload === undefined ? {} : { body: payload }) });
    let response: Response;
    try {
      response = await fetch(url, { method, headers, ...(payload === undefined ? {} : { body: payload }) });
    } catch (error) {
      throw new ApiUnreachableError(base, (error as { cause?: unknown }).cause ?? error);
    }
    const text = await response.text();
    let parsed: unknown = text;
    try {
      parsed = text ? JSON.parse(text) : undefined;
    } catch {
      // Not JSON (a proxy's error page, say): shown as it came.
    }
    if (!response.ok) throw new ApiRequestError(request, response.status, parsed);
    return parsed as T;
  }
  const id = (value: string) => encodeURIComponent(value);
  return {
    submitTask: (submission: Record<string, unknown>) => call<{ id: string; status: string; created: boolean }>('POST', '/tasks', submission),
    task: (taskId: string) => call<TaskView>('GET', `/tasks/${id(taskId)}`),
    tasks: (query: { status?: string | undefined; limit?: number | undefined }) => call<{ tasks: TaskView[] }>('GET', `/tasks${queryString(query)}`),
    cancelTask: (taskId: string) => call<TaskView>('POST', `/tasks/${id(taskId)}/cancel`),
    agents: () => call<{ agents: AgentView[] }>('GET', '/agents'),
    deadLetters: () => call<{ deadLetters: DeadLetterView[] }>('GET', '/dlq'),
    redrive: (deadLetterId: string) => call<Record<string, unknown>>('POST', `/dlq/${id(deadLetterId)}/redrive`),
    submitWorkflow: (workflow: Record<string, unknown>) => call<WorkflowView & { created: boolean }>('POST', '/workflows', workflow),
    workflow: (workflowId: string) => call<WorkflowView>('GET', `/workflows/${id(workflowId)}`),
    workflows: (query: { status?: string | undefined; limit?: number | undefined }) => call<{ workflows: Omit<WorkflowView, 'steps'>[] }>('GET', `/workflows${queryString(query)}`),
    cancelWorkflow: (workflowId: string) => call<WorkflowView>('POST', `/workflows/${id(workflowId)}/cancel`),
  };
}

function queryString(query: Record<string, string | number | undefined>): string {
  const pairs = Object.entries(query).filter((e): e is [string, string | number] => e[1] !== undefined);
  return pairs.length === 0 ? '' : `?${new URLSearchParams(pairs.map(([k, v]): [string, string] => [k, String(v)])).toString()}`;
}

/** The API's answers, in the shapes lib/contracts declares (GET /tasks/{id} adds the history). */
export type TaskView = Task & { statusReason?: string; attempt?: number; events?: TaskEvent[] };
export type AgentView = Pick<AgentRegisterPayload, 'capabilities' | 'concurrency' | 'kind'> & { name: string; circuitState: string; inFlight: number; instances: string[] };
export type DeadLetterView = DeadLetterPayload & { id: string; taskId?: string; redriveCount: number };

export type TriggerState = 'starting' | 'running' | 'retrying' | 'stopped';

/** What /health and the summary line report about one trigger (of one instance). */
export interface TriggerStatus {
  functionId: string;
  instance: number;
  trigger: string;
  state: TriggerState;
  invocations: number;
  failures: number;
  consecutiveFailures: number;
  records: number;
  filtered: number;
  lastError?: string;
  lastInvocationAt?: string;
}

export function newTriggerStatus(functionId: string, instance: number, trigger: string): TriggerStatus {
  return { functionId, instance, trigger, state: 'starting', invocations: 0, failures: 0, consecutiveFailures: 0, records: 0, filtered: 0 };
}

import { setTimeout as sleep } from 'node:timers/promises';
import { TERMINAL_STATUSES, type TaskStatus } from '../lib/contracts/index.js';
import type { TaskView } from './apiClient.js';
import type { CommandContext } from './command.js';

/** One line saying where a task is: status, attempt, agent, and why it waits when it does. */
export function taskLine(task: TaskView): string {
  const parts = [`${task.id.slice(0, 8)} ${task.type}: ${task.status}`];
  if (task.attempt) parts.push(`attempt ${task.attempt}${task.maxRetries !== undefined ? ` of ${task.maxRetries + 1}` : ''}`);
  if (task.assignedAgent) parts.push(`on ${task.assignedAgent}`);
  if (task.statusReason && task.status === 'pending') parts.push(task.statusReason);
  if (task.error && task.status !== 'completed') parts.push(`${task.error.code}: ${task.error.message}`);
  return parts.join(' · ');
}

export const isTerminal = (status: string) => (TERMINAL_STATUSES as readonly string[]).includes(status as TaskStatus);

/** Follows a task until it ends, a progress line on stderr at each change; the task as it ended. */
export async function watchTask(id: string, { api, terminal, pollMs }: CommandContext): Promise<TaskView> {
  for (;;) {
    const task = await api.task(id);
    terminal.progress(taskLine(task));
    if (isTerminal(task.status)) {
      terminal.done();
      return task;
    }
    await sleep(pollMs);
  }
}

/** 0 for a completed task, 1 for one that ended otherwise (dead, cancelled). */
export const exitCodeOf = (task: Pick<TaskView, 'status'>) => (task.status === 'completed' ? 0 : 1);

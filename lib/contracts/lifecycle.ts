import type { TaskStatus } from './task.js';

/**
 * Every legal task transition. `pending → assigned → running → completed | failed → (retry: pending) | dead | cancelled`,
 * plus the failover path (an expired lease sends assigned/running back to pending) and redrive (dead → pending).
 */
export const TASK_TRANSITIONS: Readonly<Record<TaskStatus, readonly TaskStatus[]>> = {
  pending: ['assigned', 'cancelled'],
  assigned: ['running', 'completed', 'failed', 'pending', 'cancelled'],
  running: ['completed', 'failed', 'pending', 'cancelled'],
  failed: ['pending', 'dead'],
  dead: ['pending'],
  completed: [],
  cancelled: [],
};

export const TERMINAL_STATUSES: readonly TaskStatus[] = ['completed', 'dead', 'cancelled'];

export function canTransition(from: TaskStatus, to: TaskStatus): boolean {
  return TASK_TRANSITIONS[from].includes(to);
}

/** The states a task may be in for a move to `to` to be legal. */
export function sourcesOf(to: TaskStatus): TaskStatus[] {
  return (Object.keys(TASK_TRANSITIONS) as TaskStatus[]).filter((from) => canTransition(from, to));
}

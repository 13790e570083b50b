import { randomUUID } from 'node:crypto';
import type { ErrorInfo, TaskPriority } from '../../../../lib/contracts/index.js';
import { keyValueOf } from '../../../../lib/orchestration/taskLimits.js';
import type { TaskRepository } from '../../../../lib/orchestration/ports.js';
import { CLAIMABLE, IN_FLIGHT, UNFINISHED, UNSETTLED, type DispatchDecision, type DispatchReader, type ExpiredTask, type LimitUsage, type StoredTask, type WorkflowAdvance } from '../../../../lib/store/index.js';
import type { MemoryAgentRegistry } from './agentRegistry.js';
import type { MemoryDeadLetterArchive } from './deadLetterArchive.js';
import type { MemoryOutbox } from './outbox.js';

/** A task as a test submits it: a type (a required capability) and, optionally, the rest. */
export type TaskSpec = { type: string } & Partial<Pick<StoredTask, 'priority' | 'requiredCapabilities' | 'payload' | 'timeoutMs' | 'maxRetries' | 'retryCount'>>;

type Dispatch = TaskRepository['dispatch'];
type Expire = TaskRepository['expire'];

const NOTHING_ADVANCED: WorkflowAdvance = { started: [], cancelled: [], finished: [], outboxIds: [] };
const iso = (ms: number) => new Date(ms).toISOString();
// The PostgreSQL repository's guards (from TASK_TRANSITIONS), so both follow one lifecycle rule.
const isInFlight = (t: StoredTask) => IN_FLIGHT.includes(t.status);

/**
 * The task repository in memory, with the PostgreSQL one's rules: dispatch claims due pending tasks
 * by priority then age and applies `decide`'s decisions, writing the announcements to the outbox;
 * expiry fails the attempts whose lease ran out and applies `settle`'s plan. Tasks are copies, so a
 * caller holding one never sees it change.
 */
export function createMemoryTaskRepository(stores: { agents: MemoryAgentRegistry; outbox: MemoryOutbox; deadLetters: MemoryDeadLetterArchive }) {
  const tasks = new Map<string, StoredTask>();
  const update = (id: string, changes: Partial<StoredTask>) => {
    const task = { ...tasks.get(id)!, ...changes, updatedAt: iso(Date.now()) };
    for (const key of Object.keys(changes) as (keyof StoredTask)[]) if (changes[key] === undefined) delete task[key];
    tasks.set(id, task);
    return { ...task };
  };
  const inFlightByAgent = async () => {
    const byAgent = new Map<string, string[]>();
    for (const t of tasks.values()) if (isInFlight(t) && t.assignedAgent) byAgent.set(t.assignedAgent, [...(byAgent.get(t.assignedAgent) ?? []), t.id]);
    return byAgent;
  };
  const limitUsage: DispatchReader['limitUsage'] = async (limited) => {
    const usage = new Map<string, LimitUsage>();
    for (const { type, keyPath, rateWindowMs } of limited) {
      const ofType = [...tasks.values()].filter((t) => t.type === type);
      const running = new Map<string, number>();
      for (const t of ofType.filter(isInFlight)) running.set(keyValueOf(t.payload, keyPath), (running.get(keyValueOf(t.payload, keyPath)) ?? 0) + 1);
      const sentInWindow = rateWindowMs === undefined ? 0 : ofType.filter((t) => t.assignedAt !== undefined && Date.parse(t.assignedAt) > Date.now() - rateWindowMs).length;
      usage.set(type, { running, sentInWindow });
    }
    return usage;
  };
  const reader: DispatchReader = { agents: () => stores.agents.list(), recentInstances: (ttlMs) => stores.agents.recentInstances(ttlMs), inFlightByAgent, limitUsage };

  const dispatch: Dispatch = async (limit, decide, _actor, announce = () => []) => {
    // Tasks submitted in the same millisecond stay in submission order: the sort is stable.
    const claimed = [...tasks.values()]
      .filter((t) => CLAIMABLE.includes(t.status) && Date.parse(t.availableAt) <= Date.now())
      .sort((a, b) => b.priority - a.priority || Date.parse(a.createdAt) - Date.parse(b.createdAt))
      .slice(0, limit)
      .map((t) => ({ ...t }));
    if (claimed.length === 0) return { assigned: [], unroutable: [], outboxIds: [] };
    const decisions = await decide(claimed, reader);
    const routed = decisions.filter((d): d is Extract<DispatchDecision, { agent: string }> => 'agent' in d);
    const assigned = routed
      .filter((d) => tasks.has(d.taskId) && CLAIMABLE.includes(tasks.get(d.taskId)!.status))
      .map((d) => {
        const task = tasks.get(d.taskId)!;
        return update(d.taskId, { status: 'assigned', attempt: task.attempt + 1, assignedAgent: d.agent, assignedAt: iso(Date.now()), statusReason: undefined, leaseExpiresAt: iso(Date.now() + d.leaseMs) });
      });
    const byId = new Map(claimed.map((t) => [t.id, t]));
    const unroutable = decisions
      .filter((d): d is Extract<DispatchDecision, { unroutable: string }> => 'unroutable' in d)
      .map((d) => ({ task: byId.get(d.taskId)!, reason: d.unroutable, changed: byId.get(d.taskId)!.statusReason !== d.unroutable, held: d.heldForMs !== undefined, heldForMs: d.heldForMs ?? 0 }));
    for (const u of unroutable.filter((u) => u.changed || u.held)) {
      update(u.task.id, { statusReason: u.reason, availableAt: iso(Math.max(Date.parse(u.task.availableAt), Date.now() + u.heldForMs)) });
    }
    const decided = { assigned, unroutable };
    return { ...decided, outboxIds: await stores.outbox.enqueue(announce(decided)) };
  };

  const expire: Expire = async (limit, _actor, settle) => {
    const due = [...tasks.values()]
      .filter((t) => isInFlight(t) && t.leaseExpiresAt !== undefined && Date.parse(t.leaseExpiresAt) < Date.now())
      .sort((a, b) => Date.parse(a.leaseExpiresAt!) - Date.parse(b.leaseExpiresAt!))
      .slice(0, limit);
    const expired: ExpiredTask[] = due.map((t) => {
      const undelivered = stores.outbox.withdraw(t.id, t.attempt);
      const error: ErrorInfo = undelivered
        ? { code: 'assignment-undelivered', message: `the assignment to ${t.assignedAgent ?? 'the agent'} could not be published before the lease ran out`, retriable: true }
        : { code: 'lease-expired', message: `no word from ${t.assignedAgent ?? 'the agent'} before the lease ran out`, retriable: true };
      return { ...update(t.id, { status: 'failed', error, leaseExpiresAt: undefined }), undelivered };
    });
    if (expired.length === 0) return { expired: [], settled: [], outboxIds: [], workflows: NOTHING_ADVANCED };
    const plan = settle(expired);
    const settled: StoredTask[] = [];
    for (const s of plan.settlements) {
      if (!tasks.has(s.taskId) || !UNSETTLED.includes(tasks.get(s.taskId)!.status)) continue;
      if ('retry' in s) {
        const task = tasks.get(s.taskId)!;
        settled.push(update(s.taskId, { status: 'pending', retryCount: task.retryCount + (s.retry.countRetry ? 1 : 0), assignedAgent: undefined, leaseExpiresAt: undefined, availableAt: s.retry.availableAt.toISOString() }));
      } else {
        await stores.deadLetters.add(s.dead.letter, s.dead.letterId);
        settled.push(update(s.taskId, { status: 'dead', completedAt: iso(Date.now()), leaseExpiresAt: undefined }));
      }
    }
    return { expired, settled, outboxIds: await stores.outbox.enqueue(plan.outbox), workflows: NOTHING_ADVANCED };
  };

  return {
    /** Submits a pending task, due now; its id. */
    add(spec: TaskSpec): string {
      const id = randomUUID();
      const createdAt = iso(Date.now());
      tasks.set(id, {
        id,
        type: spec.type,
        priority: spec.priority ?? (5 as TaskPriority),
        requiredCapabilities: spec.requiredCapabilities ?? [spec.type],
        payload: spec.payload ?? {},
        status: 'pending',
        attempt: 0,
        retryCount: spec.retryCount ?? 0,
        maxRetries: spec.maxRetries ?? 3,
        timeoutMs: spec.timeoutMs ?? 10_000,
        availableAt: iso(Date.now()),
        createdAt,
        updatedAt: createdAt,
      });
      return id;
    },
    /** The task as stored now. */
    get(id: string): StoredTask {
      return { ...tasks.get(id)! };
    },
    dispatch,
    expire,
    inFlightByAgent,
    async countByStatus() {
      const counts = new Map<StoredTask['status'], number>();
      for (const t of tasks.values()) counts.set(t.status, (counts.get(t.status) ?? 0) + 1);
      return counts;
    },
    async workLeft(): Promise<boolean> {
      return [...tasks.values()].some((t) => UNFINISHED.includes(t.status)) || stores.outbox.waiting().length > 0;
    },
  };
}

export type MemoryTaskRepository = ReturnType<typeof createMemoryTaskRepository>;

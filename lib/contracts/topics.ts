/** Kafka topic names. They are a public contract carried over from the original system: never rename. */
export const TOPICS = {
  taskAssignment: 'syntor.tasks.assignment',
  taskStatus: 'syntor.tasks.status',
  taskComplete: 'syntor.tasks.complete',
  agentRegistration: 'syntor.agents.registration',
  agentHeartbeat: 'syntor.agents.heartbeat',
  serviceRequest: 'syntor.services.request',
  serviceResponse: 'syntor.services.response',
  systemEvents: 'syntor.system.events',
  deadLetter: 'syntor.dlq',
} as const;

export type TopicKey = keyof typeof TOPICS;
export type TopicName = (typeof TOPICS)[TopicKey];

export const ALL_TOPICS: readonly TopicName[] = Object.values(TOPICS);

export function isTopicName(value: string): value is TopicName {
  return (ALL_TOPICS as readonly string[]).includes(value);
}

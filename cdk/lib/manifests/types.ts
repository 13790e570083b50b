import type { AgentManifest, FunctionManifest, HttpTrigger, KafkaTrigger, ScheduleTrigger } from '../../../lib/contracts/index.js';

/** A Kafka trigger with everything the event source mapping needs resolved. */
export interface PlannedKafkaTrigger {
  readonly trigger: KafkaTrigger;
  readonly consumerGroupId: string;
  /** Whole seconds (see `lambdaBatchingWindow`); `undefined` keeps Lambda's 500 ms default for Kafka. */
  readonly batchingWindowSeconds: number | undefined;
  /** Finite retries end in the dead-letter topic; with infinite retries nothing is ever dead-lettered. */
  readonly deadLetter: boolean;
}

/** One manifest function as the agents stack deploys it. */
export interface PlannedFunction {
  readonly agent: AgentManifest;
  readonly fn: FunctionManifest;
  /** `<agent>-<function>`: the construct id and the harness's function name. */
  readonly id: string;
  /** `syntor-<environment>-<agent>-<function>`: the Lambda function's name. */
  readonly functionName: string;
  readonly kafka: readonly PlannedKafkaTrigger[];
  readonly schedules: readonly ScheduleTrigger[];
  readonly routes: readonly HttpTrigger[];
}

/**
 * Where each rule this package emulates is written down. Comments elsewhere cite these by name.
 */
export const DOCS = {
  /** Lambda's table of comparison operators and the "numbers use their string representation" note. */
  filterSyntax: 'https://docs.aws.amazon.com/lambda/latest/dg/invocation-eventfiltering.html#filtering-syntax',
  /** Kafka mappings filter on `value` only; plain-string and JSON message formats. */
  kafkaFiltering: 'https://docs.aws.amazon.com/lambda/latest/dg/kafka-filtering.html',
  /** Message format (plain string / JSON / non-UTF-8) against pattern format, for Kafka and Amazon MQ. */
  messageFormats: 'https://docs.aws.amazon.com/lambda/latest/dg/invocation-eventfiltering.html#filtering-poller',
  /** Lambda defers to EventBridge for the grammar; operator semantics and the "Pipe support" column. */
  eventBridgeOperators: 'https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-create-pattern-operators.html',
  /** An event array matches when any of its elements does. */
  eventBridgeArrays: 'https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-event-patterns-arrays.html',
  /** `Filter.Pattern` is a string of at most 4096 characters. */
  filterApi: 'https://docs.aws.amazon.com/lambda/latest/api/API_Filter.html',
  /** The open-source matcher behind EventBridge; its compiler is the reference for what is rejected. */
  eventRuler: 'https://github.com/aws/event-ruler/blob/main/src/main/software/amazon/event/ruler/JsonRuleCompiler.java',
} as const;

/** The only record field a Kafka (MSK or self-managed) mapping may filter on. */
export const KAFKA_DATA_KEY = 'value';

export const OR_KEY = '$or';

export const MAX_PATTERN_LENGTH = 4096;

export const NUMERIC_OPERATORS = ['=', '<', '<=', '>', '>='] as const;
export type NumericOperator = (typeof NUMERIC_OPERATORS)[number];

/** Operators in Lambda's documented filter syntax (plus `anything-but` with `prefix`, see validateAnythingBut). */
export const OPERATORS = ['prefix', 'suffix', 'equals-ignore-case', 'anything-but', 'numeric', 'exists'] as const;
export type Operator = (typeof OPERATORS)[number];

/** EventBridge operators that Lambda's filter syntax does not list; rejected rather than guessed at. */
export const UNDOCUMENTED_OPERATORS = ['wildcard', 'cidr', 'exact'] as const;

import { SyntorError } from '../errors/index.js';
/** Base of the Kafka area's errors. `retriable` says whether trying the same thing again may succeed. */
export abstract class KafkaAreaError extends SyntorError {}

export type RecordDecodeReason = 'empty-value' | 'invalid-json' | 'invalid-envelope';

/**
 * A record whose value cannot be understood. Never retriable: the same bytes fail the same way,
 * so the record goes to the dead-letter topic with this reason and origin.
 */
export class MskRecordDecodeError extends KafkaAreaError {
  readonly code = 'msk-record-decode-failed';

  constructor(
    readonly reason: RecordDecodeReason,
    readonly origin: { topic: string; partition: number; offset: string },
    detail: string,
    options?: { cause?: unknown },
  ) {
    super(`${origin.topic}[${origin.partition}]@${origin.offset}: ${detail}`, { retriable: false, ...options });
  }
}

/** The event handed to a Kafka-triggered handler is not the shape Lambda sends. */
export class MskEventInvalidError extends KafkaAreaError {
  readonly code = 'msk-event-invalid';

  constructor(detail: string, options?: { cause?: unknown }) {
    super(`Not an MSK event: ${detail}`, { retriable: false, ...options });
  }
}

/** A message failed its schema on the way out: a programming error in the caller. */
export class KafkaMessageInvalidError extends KafkaAreaError {
  readonly code = 'message-invalid';

  constructor(
    readonly messageType: string,
    detail: string,
    options?: { cause?: unknown },
  ) {
    super(`Refusing to publish invalid "${messageType}" message: ${detail}`, { retriable: false, ...options });
  }
}

/**
 * A record larger than the broker accepts (SYNTOR designs for Kafka's default 1 MiB). Never
 * retriable: the same record is refused the same way, so it is caught before it is sent, naming the
 * topic, the size and the limit.
 */
export class KafkaMessageTooLargeError extends KafkaAreaError {
  readonly code = 'message-too-large';

  constructor(
    readonly topic: string,
    readonly bytes: number,
    readonly limitBytes: number,
  ) {
    super(`Refusing to publish a ${bytes}-byte record to ${topic}: the broker limit is ${limitBytes} bytes`, { retriable: false });
  }
}

/**
 * A send to a topic the running function's manifest does not list in `produces`. Never retriable:
 * the same send is refused the same way until the manifest declares the topic (on AWS its role
 * could not write there either). Caught before any request reaches the broker.
 */
export class KafkaTopicNotAllowedError extends KafkaAreaError {
  readonly code = 'topic-not-allowed';

  constructor(
    readonly functionId: string,
    readonly topic: string,
    readonly allowed: readonly string[],
  ) {
    super(`Function ${functionId} may not write to ${topic}: its manifest's produces allows ${allowed.length === 0 ? 'no topic' : allowed.join(', ')}`, { retriable: false });
  }
}

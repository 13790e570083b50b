import { z } from 'zod';
import { isoTimestampSchema } from './common.js';
import { kafkaEventSchema } from './kafkaEvent.js';

/**
 * What Lambda writes to a Kafka on-failure destination topic once a Kafka event source mapping has
 * used up its retries (or a record is too old): one message per failed record, keyed like the record,
 * whose value is this JSON — the failure metadata, and under `payload` the record itself as an event
 * of one record, in the trigger's own shape (MSK or self-managed).
 * https://docs.aws.amazon.com/lambda/latest/dg/kafka-on-failure-destination.html#kafka-ofd-record-format
 *
 * Not a SYNTOR envelope: the harness writes it for its retries-exhausted path as Lambda does, and the
 * dead-letters function reads it beside SYNTOR's own `dlq.record`. Unknown fields are dropped, so a
 * field Lambda adds later does not make a record unreadable.
 */
export const lambdaKafkaFailureRecordSchema = z.object({
  requestContext: z.object({
    requestId: z.string(),
    functionArn: z.string().min(1),
    /** `RetriesExhausted` on the Kafka destination page; other destinations document `RetryAttemptsExhausted` and `MaximumPayloadSizeExceeded`. */
    condition: z.string().min(1),
    approximateInvokeCount: z.number().int().min(0),
  }),
  /** Absent (null) when the batch never reached the function, e.g. `MaximumPayloadSizeExceeded`. */
  responseContext: z
    .object({ statusCode: z.number().int(), executedVersion: z.string(), functionError: z.string().optional() })
    .nullable()
    .optional(),
  version: z.string(),
  timestamp: isoTimestampSchema,
  KafkaBatchInfo: z.object({
    batchSize: z.number().int().min(0),
    /** MSK only: a self-managed cluster has no ARN. */
    eventSourceArn: z.string().optional(),
    bootstrapServers: z.string(),
    payloadSize: z.number().int().min(0),
    recordInfo: z.object({ offset: z.string().regex(/^\d+$/), timestamp: isoTimestampSchema }),
  }),
  payload: kafkaEventSchema,
});

export type LambdaKafkaFailureRecord = z.output<typeof lambdaKafkaFailureRecordSchema>;

/** The condition Lambda names for a record whose retries ran out, on the Kafka destination page. */
export const LAMBDA_RETRIES_EXHAUSTED = 'RetriesExhausted';

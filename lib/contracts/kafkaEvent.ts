import { z } from 'zod';

const base64 = z.string().regex(/^[A-Za-z0-9+/]*={0,2}$/, 'base64');
// Signed as Lambda sends them (-128..127); unsigned values are accepted too.
const byte = z.number().int().min(-128).max(255);

/** One record of the event a Kafka event source mapping sends (MSK and self-managed alike). */
export const mskRecordSchema = z.object({
  topic: z.string().min(1),
  partition: z.number().int().min(0),
  offset: z.number().int().min(0),
  timestamp: z.number().int(),
  timestampType: z.enum(['CREATE_TIME', 'LOG_APPEND_TIME']),
  key: base64.optional(),
  value: base64,
  headers: z.array(z.record(z.string(), z.array(byte))),
});

const recordsSchema = z.record(z.string().regex(/^.+-\d+$/, 'a "topic-partition" key'), z.array(mskRecordSchema));

/** The event of an Amazon MSK trigger. https://docs.aws.amazon.com/lambda/latest/dg/with-msk.html */
export const mskEventSchema = z.object({
  eventSource: z.literal('aws:kafka'),
  eventSourceArn: z.string(),
  bootstrapServers: z.string(),
  records: recordsSchema,
});

/**
 * The event of a self-managed Apache Kafka trigger: `bootstrapServers` and no `eventSourceArn`.
 * https://docs.aws.amazon.com/lambda/latest/dg/with-kafka.html#smaa-sample-event
 */
export const selfManagedKafkaEventSchema = z.object({
  eventSource: z.literal('SelfManagedKafka'),
  bootstrapServers: z.string(),
  records: recordsSchema,
});

/** Either Kafka event; `eventSource` tells them apart. */
export const kafkaEventSchema = z.discriminatedUnion('eventSource', [mskEventSchema, selfManagedKafkaEventSchema]);

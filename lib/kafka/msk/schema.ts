import { z } from 'zod';

const base64 = z.string().regex(/^[A-Za-z0-9+/]*={0,2}$/, 'base64');
// Signed as Lambda sends them (-128..127); unsigned values are accepted too.
const byte = z.number().int().min(-128).max(255);

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

export const mskEventSchema = z.object({
  eventSource: z.literal('aws:kafka'),
  eventSourceArn: z.string(),
  bootstrapServers: z.string(),
  records: z.record(z.string().regex(/^.+-\d+$/, 'a "topic-partition" key'), z.array(mskRecordSchema)),
});

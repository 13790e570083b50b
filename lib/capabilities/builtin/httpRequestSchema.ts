import { z } from 'zod';

const KIB = 1024;
const MIB = 1024 * KIB;

export const HTTP_REQUEST_LIMITS = {
  timeoutMs: { default: 10_000, max: 30_000 },
  // The body travels in the task's result, as text or as base64 (4/3 of its bytes), and a result is
  // capped at LIMITS.resultBytes (512 KiB): at the maximum a base64 body is 469 KiB, leaving room for
  // the headers (Node refuses more than 16 KiB of them), the URL and the rest of the result.
  maxResponseBytes: { default: 256 * KIB, max: 352 * KIB },
  requestBodyBytes: MIB,
  followRedirects: { default: 0, max: 5 },
} as const;

// Framing and routing headers are Node's to set: a caller-chosen Host could reach another virtual host
// on the vetted address, and a forged Content-Length or Transfer-Encoding could smuggle a request.
export const FORBIDDEN_REQUEST_HEADERS: ReadonlySet<string> = new Set([
  'host',
  'content-length',
  'transfer-encoding',
  'connection',
  'keep-alive',
  'proxy-connection',
  'te',
  'trailer',
  'upgrade',
]);

const headerNameSchema = z.string().regex(/^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/, 'not a valid header name');
const headerValueSchema = z.string().max(8_192, 'at most 8192 characters').regex(/^[^\r\n\0]*$/, 'must not contain line breaks or NUL');

const headersSchema = z.record(headerNameSchema, headerValueSchema).superRefine((headers, ctx) => {
  for (const name of Object.keys(headers)) {
    if (FORBIDDEN_REQUEST_HEADERS.has(name.toLowerCase())) {
      ctx.addIssue({ code: 'custom', path: [name], message: `"${name}" is set by the HTTP client and may not be given` });
    }
  }
});

/** The bytes a body is sent as: a string as it is, anything else as JSON. */
export function encodeRequestBody(body: unknown): Buffer {
  return Buffer.from(typeof body === 'string' ? body : JSON.stringify(body), 'utf8');
}

export const httpRequestInputSchema = z
  .object({
    url: z.string().min(1).max(8_192, 'at most 8192 characters'),
    method: z.enum(['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD']).default('GET'),
    headers: headersSchema.default({}),
    /** A string is sent as it is (text/plain unless a content-type says otherwise); other JSON as application/json. */
    body: z.json().optional(),
    timeoutMs: z.int().min(1).max(HTTP_REQUEST_LIMITS.timeoutMs.max).default(HTTP_REQUEST_LIMITS.timeoutMs.default),
    maxResponseBytes: z.int().min(0).max(HTTP_REQUEST_LIMITS.maxResponseBytes.max).default(HTTP_REQUEST_LIMITS.maxResponseBytes.default),
    /** How many redirects to follow, each re-checked by the SSRF guard; 0 returns the 3xx response itself. */
    followRedirects: z.int().min(0).max(HTTP_REQUEST_LIMITS.followRedirects.max).default(HTTP_REQUEST_LIMITS.followRedirects.default),
  })
  .superRefine((input, ctx) => {
    if (input.body === undefined) return;
    if (input.method === 'GET' || input.method === 'HEAD') {
      ctx.addIssue({ code: 'custom', path: ['body'], message: `a ${input.method} request carries no body` });
    } else if (encodeRequestBody(input.body).length > HTTP_REQUEST_LIMITS.requestBodyBytes) {
      ctx.addIssue({ code: 'custom', path: ['body'], message: `at most ${HTTP_REQUEST_LIMITS.requestBodyBytes} bytes` });
    }
  });

export const httpRequestOutputSchema = z.object({
  status: z.int().min(100).max(999),
  statusText: z.string(),
  headers: z.record(z.string(), z.union([z.string(), z.array(z.string())])),
  body: z.string(),
  bodyEncoding: z.enum(['text', 'base64']),
  /** Always false: a response over maxResponseBytes fails the attempt rather than being cut short. */
  truncated: z.literal(false),
  /** The URL of the final response, after any redirects followed. */
  url: z.string(),
  redirects: z.int().min(0),
});

export type HttpRequestInput = z.infer<typeof httpRequestInputSchema>;
export type HttpRequestOutput = z.infer<typeof httpRequestOutputSchema>;

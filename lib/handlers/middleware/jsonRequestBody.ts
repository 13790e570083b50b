import type { MiddlewareObj, Request } from '@middy/core';
import httpJsonBodyParser from '@middy/http-json-body-parser';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { checkBodySize } from '../bodySize.js';
import { HttpRequestBodyError } from '../errors.js';
import { bodyTextProblem, json, notJsonMessage } from '../http.js';

/** The body `jsonRequestBody` parsed, for the handler behind it (the event's type still says text). */
export const parsedBody = (event: APIGatewayProxyEventV2): unknown => event.body as unknown;

export interface JsonRequestBodyOptions {
  /** Larger bodies are answered 413 before any parsing. */
  readonly limitBytes: number;
}

const PARSER_PACKAGE = '@middy/http-json-body-parser';

type BodyRequest = Request<APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2>;

/**
 * The request body as JSON in `event.body` (read it with `parsedBody`), parsed by
 * `@middy/http-json-body-parser`, with the API's answers kept as they were: 413 naming the size and limit, and 400 `{ message }` for no body,
 * a NUL character, nesting deeper than 64 levels (both checked on the text first, so no parse or walk
 * can overflow the stack) and text that is not JSON. Any content type is read as JSON, as before.
 *
 * @example
 * middy(submitTask).use(jsonRequestBody({ limitBytes: LIMITS.submissionBodyBytes }));
 */
export function jsonRequestBody(options: JsonRequestBodyOptions): MiddlewareObj<APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2>[] {
  function refuseUnfitBody({ event }: BodyRequest): void {
    const size = checkBodySize(event, options.limitBytes);
    if (!size.ok) throw new HttpRequestBodyError(size.response, `the body is over ${options.limitBytes} bytes`);
    const problem = bodyTextProblem(event);
    if (problem) throw new HttpRequestBodyError(json(400, { message: problem }), problem);
  }

  function answerBodyErrors(request: BodyRequest): void {
    if (request.response !== undefined) return;
    const error = request.error as (Error & { cause?: { package?: string; message?: string } }) | null;
    if (error instanceof HttpRequestBodyError) request.response = error.response;
    else if (error?.cause?.package === PARSER_PACKAGE) request.response = json(400, { message: notJsonMessage(error.cause.message ?? error.message) });
  }

  // The parser's types leave out `disableContentTypeCheck`, which its code reads.
  const parser = httpJsonBodyParser({ disableContentTypeCheck: true } as Parameters<typeof httpJsonBodyParser>[0]) as MiddlewareObj<APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2>;
  return [{ before: refuseUnfitBody, onError: answerBodyErrors }, parser];
}

/**
 * Where each rule this package emulates is written down, or observed when AWS does not write it down.
 * Comments elsewhere cite these by name.
 */
export const DOCS = {
  /** The 2.0 event, comma-joined duplicate headers and query parameters, `cookies`, and the response inference. */
  payloadFormat: 'https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-develop-integrations-lambda.html',
  /** Route selection (full match, then greedy `{proxy+}`), `{"message":"Not Found"}`, URL-decoded parameters. */
  routes: 'https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-develop-routes.html',
  /** 10 MB payload, 30 s maximum integration timeout. */
  quotas: 'https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-quotas.html',
  /** Integration timeout default 30 000 ms for HTTP APIs. */
  integrationTimeout: 'https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-apigatewayv2-integration.html',
  /** Which request content types arrive as text: verified against AWS, the docs do not list them. */
  binaryRequests: 'https://github.com/ministackorg/ministack/pull/766',
  /** A Lambda timeout before the integration timeout reaches the client as a 500, not a 503/504. */
  functionTimeout: 'https://github.com/denoland/deno_registry2/issues/87',
  /** The integration timeout itself is a 503 "Service Unavailable" on HTTP APIs. */
  integrationTimeoutStatus: 'https://github.com/anomalyco/sst/issues/2232',
  /** A structured response without content-type goes out as text/plain; charset=utf-8. */
  defaultContentType: 'https://github.com/fujiwara/ridge/pull/9',
  /** Lambda's 6 MB synchronous payload quota, each way; HTTP API's own 10 MB is larger, so Lambda's applies. */
  lambdaPayload: 'https://docs.aws.amazon.com/lambda/latest/dg/gettingstarted-limits.html',
  /**
   * What the client sees past it: a 413 `{"message":"Request Entity Too Large"}` for an event Lambda
   * refuses, a function error (500) for a result Lambda refuses, as AWS's own emulator reproduces them.
   */
  lambdaPayloadResponses: 'https://github.com/aws/aws-lambda-dotnet/blob/master/Tools/LambdaTestTool-v2/src/Amazon.Lambda.TestTool/Extensions/InvokeResponseExtensions.cs',
  /** Token bucket per route at the stage's rate and burst; 429 Too Many Requests past them. */
  throttling: 'https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-throttling.html',
} as const;

/** "Payload size: 10 MB", not adjustable. */
export const MAX_PAYLOAD_BYTES = 10 * 1024 * 1024;

/** The HTTP API maximum and default integration timeout. */
export const INTEGRATION_TIMEOUT_MS = 30_000;

/** What API Gateway itself answers with when it cannot hand back the integration's response. */
export const GATEWAY_RESPONSES = {
  notFound: { statusCode: 404, message: 'Not Found' },
  payloadTooLarge: { statusCode: 413, message: 'Request Entity Too Large' },
  tooManyRequests: { statusCode: 429, message: 'Too Many Requests' },
  internalError: { statusCode: 500, message: 'Internal Server Error' },
  serviceUnavailable: { statusCode: 503, message: 'Service Unavailable' },
} as const;

export type GatewayResponseKind = keyof typeof GATEWAY_RESPONSES;

/** Request bodies of these types reach the function as text; every other type (or none) arrives base64-encoded. */
export const TEXT_CONTENT_TYPES = ['application/json', 'application/xml', 'application/javascript'] as const;

export const STRUCTURED_DEFAULT_CONTENT_TYPE = 'text/plain; charset=utf-8';
export const INFERRED_CONTENT_TYPE = 'application/json';

/** The `requestContext` values that describe the API rather than the request. */
export const LOCAL_API = {
  accountId: '000000000000',
  apiId: 'local',
  stage: '$default',
} as const;

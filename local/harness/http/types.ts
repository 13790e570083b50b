import type { IncomingHttpHeaders } from 'node:http';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import type { RouteMatch as RouteMatchOf, RouteSpec } from '../../../lib/triggers/index.js';
import type { ThrottleLimits } from './tokenBucket.js';

/** One API Gateway route bound to a function: `POST /tasks`, `GET /tasks/{id}`, `GET /files/{proxy+}`. */
export interface HttpRoute extends RouteSpec {
  readonly functionId: string;
  /**
   * Runs the function. Rejects with an Error named `HandlerTimeoutError` when the function timed out, any
   * other error when it failed.
   */
  invoke(event: APIGatewayProxyEventV2): Promise<unknown>;
}

export type RouteMatch = RouteMatchOf<HttpRoute>;

/**
 * Request headers: Node's `IncomingHttpHeaders`, or `headersDistinct` (every value of a repeated header
 * kept apart), which lets duplicates be joined with "," as API Gateway joins them.
 */
export type RequestHeaders = IncomingHttpHeaders | Readonly<Record<string, string | readonly string[] | undefined>>;

export interface HttpRequest {
  readonly method: string;
  /** The path as sent, still percent-encoded. */
  readonly rawPath: string;
  /** Everything after `?`, as sent; `''` when there is none. */
  readonly rawQueryString: string;
  readonly headers: RequestHeaders;
  readonly body: Buffer;
  readonly sourceIp: string;
  readonly route: HttpRoute;
  readonly pathParameters: Record<string, string>;
  /** @default 'HTTP/1.1' */
  readonly protocol?: string;
  /** When the request arrived. @default now */
  readonly time?: Date;
  /** @default a fresh id */
  readonly requestId?: string;
}

/** What goes back to the client. */
export interface HttpResponse {
  readonly statusCode: number;
  readonly headers: Record<string, string>;
  readonly body: Buffer;
  /** One `set-cookie` header each. */
  readonly cookies: string[];
}

export interface StartHttpServerOptions {
  /**
   * The console (see local/console): its files, served at / and /console/ with the Host and origin
   * checks of every request but no token (they hold no data), and the harness's trigger status at
   * GET /console/triggers (with the token, when there is one).
   */
  readonly console?: { readonly assets: ReadonlyMap<string, { contentType: string; body: Buffer }>; readonly triggers: () => unknown };
  readonly port: number;
  /** @default '127.0.0.1' */
  readonly host?: string;
  readonly routes: readonly HttpRoute[];
  /** One line per request and per failure. @default no logging */
  readonly log?: (line: string) => void;
  /** How long API Gateway waits for the function before answering 503. @default 30 000 (the HTTP API maximum) */
  readonly integrationTimeoutMs?: number;
  /** @default 10 MiB, API Gateway's payload quota */
  readonly maxPayloadBytes?: number;
  /** The largest event JSON Lambda accepts; a bigger one gets a 413, uninvoked. @default 6,291,456 (LAMBDA_SYNC_PAYLOAD) */
  readonly maxEventBytes?: number;
  /** The largest serialised result Lambda returns; a bigger one is a 500. @default 6,291,556 (LAMBDA_SYNC_PAYLOAD) */
  readonly maxResultBytes?: number;
  /**
   * Each route's throttling (429 past it); `false` turns it off.
   * @default HTTP_API_STAGE.throttle, the deployed stage's (100 a second, bursts of 200)
   */
  readonly throttle?: ThrottleLimits | false;
  /**
   * Host names (or `name:port`) answered besides 127.0.0.1, localhost and [::1] on the bound port and
   * `host` itself; every other Host header gets a 421. @default none
   */
  readonly allowedHosts?: readonly string[];
  /** When set, every request needs `Authorization: Bearer <apiToken>` (401 otherwise). @default no token */
  readonly apiToken?: string;
  /** Media types a request body may have (415 otherwise). @default ['application/json'] */
  readonly bodyContentTypes?: readonly string[];
}

export interface HttpServer {
  /** The port actually bound (useful with port 0). */
  readonly port: number;
  /** Stops accepting connections; resolves once requests in flight have been answered. */
  close(): Promise<void>;
}

import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { ALL_API_SCOPES, type ApiCaller } from '../contracts/index.js';
import { API_ADMIN_PRINCIPALS_ENV, iamCaller } from './iamCaller.js';

/** The parts of an HTTP API v2 request context that name the caller, as the JWT and IAM authorisers fill them. */
interface AuthorizerContext {
  jwt?: { claims?: Record<string, unknown>; scopes?: readonly string[] | null };
  iam?: { userArn?: string };
}

/**
 * Who made an HTTP API request: the JWT `sub` (else `client_id`) with its scopes (`scope`, space-separated, or `scp`),
 * or the IAM principal (see `iamCaller`: submit and read its own, admin when listed in
 * SYNTOR_API_ADMIN_PRINCIPALS). A request with no authoriser is the local
 * harness's (its origin, host and token checks guard it) and gets every scope; on Lambda, where every
 * route has an authoriser, such a request gets none, so a route deployed without one fails closed.
 *
 * @example
 * callerOf(event); // { id: 'auth0|42', scopes: ['syntor/submit', 'syntor/read'] }
 */
export function callerOf(event: APIGatewayProxyEventV2, env: NodeJS.ProcessEnv = process.env): ApiCaller {
  const authorizer = (event.requestContext as { authorizer?: AuthorizerContext } | undefined)?.authorizer;
  const jwt = authorizer?.jwt;
  if (jwt) {
    // Tasks are owned by this id: a token naming nobody must not share one owner with every other such token.
    const id = stringClaim(jwt.claims?.sub) ?? stringClaim(jwt.claims?.client_id);
    return id ? { id, scopes: scopesOf(jwt) } : { id: 'anonymous', scopes: [] };
  }
  const userArn = authorizer?.iam?.userArn;
  if (userArn) return iamCaller(userArn, env[API_ADMIN_PRINCIPALS_ENV]);
  if (env.AWS_LAMBDA_FUNCTION_NAME !== undefined) return { id: 'anonymous', scopes: [] };
  return { id: 'local', scopes: ALL_API_SCOPES };
}

function scopesOf(jwt: NonNullable<AuthorizerContext['jwt']>): string[] {
  if (jwt.scopes && jwt.scopes.length > 0) return [...jwt.scopes];
  const scope = jwt.claims?.scope;
  if (typeof scope === 'string') return scope.split(' ').filter(Boolean);
  const scp = jwt.claims?.scp;
  if (Array.isArray(scp)) return scp.filter((s): s is string => typeof s === 'string');
  // API Gateway flattens array claims to a string such as "[syntor/read syntor/submit]".
  if (typeof scp === 'string') return scp.replace(/^\[|\]$/g, '').split(/[\s,]+/).filter(Boolean);
  return [];
}

function stringClaim(value: unknown): string | undefined {
  return typeof value === 'string' && value.length > 0 ? value : undefined;
}

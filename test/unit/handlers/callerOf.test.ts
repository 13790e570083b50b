import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ALL_API_SCOPES } from '../../../lib/contracts/index.js';
import { callerOf } from '../../../lib/handlers/index.js';

/** An HTTP API v2 event for GET /tasks whose request context carries `authorizer`, as API Gateway fills it. */
function eventWith(authorizer?: unknown): APIGatewayProxyEventV2 {
  return {
    version: '2.0',
    routeKey: 'GET /tasks',
    rawPath: '/tasks',
    rawQueryString: '',
    headers: {},
    requestContext: { http: { method: 'GET', path: '/tasks' }, ...(authorizer === undefined ? {} : { authorizer }) },
    isBase64Encoded: false,
  } as unknown as APIGatewayProxyEventV2;
}

afterEach(() => {
  vi.unstubAllEnvs();
});

describe('callerOf', () => {
  it.each([
    ['a space-separated scope claim', { sub: 'alice', scope: 'syntor/read syntor/submit' }],
    ['an scp array', { sub: 'alice', scp: ['syntor/read', 'syntor/submit'] }],
    ['an scp array API Gateway flattened to a string', { sub: 'alice', scp: '[syntor/read syntor/submit]' }],
  ])('reads a JWT caller\'s subject and scopes from %s', (_name, claims) => {
    // Act
    const caller = callerOf(eventWith({ jwt: { claims, scopes: null } }));

    // Assess
    expect(caller).toEqual({ id: 'alice', scopes: ['syntor/read', 'syntor/submit'] });
  });

  it('prefers the scopes API Gateway already parsed', () => {
    expect(callerOf(eventWith({ jwt: { claims: { sub: 'bob' }, scopes: ['syntor/admin'] } }))).toEqual({ id: 'bob', scopes: ['syntor/admin'] });
  });

  it('names a machine client by client_id when its token has no subject', () => {
    expect(callerOf(eventWith({ jwt: { claims: { client_id: 'ci-bot', scope: 'syntor/submit' } } }))).toEqual({ id: 'ci-bot', scopes: ['syntor/submit'] });
  });

  it('gives a token naming nobody no scopes, so it cannot share an owner with other such tokens', () => {
    expect(callerOf(eventWith({ jwt: { claims: { scope: 'syntor/admin' } } }))).toEqual({ id: 'anonymous', scopes: [] });
  });

  it('lets an IAM caller submit and read its own tasks only, unless it is a listed admin', () => {
    const userArn = 'arn:aws:iam::123456789012:user/ops';

    expect(callerOf(eventWith({ iam: { userArn, accountId: '123456789012' } }), {})).toEqual({ id: userArn, scopes: ['syntor/submit', 'syntor/read'] });
    expect(callerOf(eventWith({ iam: { userArn } }), { SYNTOR_API_ADMIN_PRINCIPALS: `arn:aws:iam::123456789012:user/dev, ${userArn}` })).toEqual({ id: userArn, scopes: ALL_API_SCOPES });
  });

  it('knows a role session as its role, whatever the session is called, and matches a listed role with its path', () => {
    const session = (name: string) => eventWith({ iam: { userArn: `arn:aws:sts::123456789012:assumed-role/Operators/${name}` } });
    const role = 'arn:aws:iam::123456789012:role/Operators';

    expect(callerOf(session('alice'), {}).id).toBe(role);
    expect(callerOf(session('ci-run-42'), {}).id).toBe(role);
    expect(callerOf(session('alice'), { SYNTOR_API_ADMIN_PRINCIPALS: 'arn:aws:iam::123456789012:role/team/Operators' }).scopes).toEqual(ALL_API_SCOPES);
    expect(callerOf(session('alice'), { SYNTOR_API_ADMIN_PRINCIPALS: 'arn:aws:iam::999999999999:role/Operators' }).scopes).not.toContain('syntor/admin');
  });

  it('treats a request without an authoriser as the local harness\'s, with every scope', () => {
    expect(callerOf(eventWith())).toEqual({ id: 'local', scopes: ALL_API_SCOPES });
  });

  it('fails closed on Lambda for a request without an authoriser', () => {
    // Prepare
    vi.stubEnv('AWS_LAMBDA_FUNCTION_NAME', 'syntor-staging-coordination-api');

    // Act
    const caller = callerOf(eventWith());

    // Assess
    expect(caller).toEqual({ id: 'anonymous', scopes: [] });
  });
});

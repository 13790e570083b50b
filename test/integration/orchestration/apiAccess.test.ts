import { randomUUID } from 'node:crypto';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import { beforeAll, describe, expect, it } from 'vitest';
import { handler as api } from '../../../functions/coordination/api.js';
import { handler as submit } from '../../../functions/coordination/submit.js';
import { API_SCOPES } from '../../../lib/contracts/index.js';
import { resetState } from './support.js';

type Handler = (event: APIGatewayProxyEventV2, context: Context) => Promise<APIGatewayProxyStructuredResultV2>;

/** A caller as a JWT authoriser presents it: its subject and the token's `scope` claim. */
interface Token {
  sub: string;
  scope: string;
}

const alice: Token = { sub: 'alice', scope: `${API_SCOPES.submit} ${API_SCOPES.read}` };
const bob: Token = { sub: 'bob', scope: `${API_SCOPES.submit} ${API_SCOPES.read}` };
const ops: Token = { sub: 'ops', scope: `${API_SCOPES.read} ${API_SCOPES.admin}` };

/** An HTTP API v2 event for `routeKey` as API Gateway delivers it behind a JWT authoriser. */
function request(token: Token, routeKey: string, options: { pathParameters?: Record<string, string>; body?: unknown } = {}): APIGatewayProxyEventV2 {
  const [method, template] = routeKey.split(' ') as [string, string];
  const path = template.replace('{id}', options.pathParameters?.id ?? '');
  return {
    version: '2.0',
    routeKey,
    rawPath: path,
    rawQueryString: '',
    headers: options.body === undefined ? {} : { 'content-type': 'application/json' },
    requestContext: {
      http: { method, path },
      routeKey,
      authorizer: { jwt: { claims: { sub: token.sub, scope: token.scope }, scopes: null } },
    },
    ...(options.pathParameters ? { pathParameters: options.pathParameters } : {}),
    ...(options.body === undefined ? {} : { body: JSON.stringify(options.body) }),
    isBase64Encoded: false,
  } as unknown as APIGatewayProxyEventV2;
}

async function call(fn: Handler, event: APIGatewayProxyEventV2): Promise<{ status: number; body: Record<string, unknown> }> {
  const response = await fn(event, {} as Context);
  return { status: response.statusCode!, body: JSON.parse(response.body ?? '{}') as Record<string, unknown> };
}

const submitAs = async (token: Token, idempotencyKey = randomUUID()) =>
  call(submit, request(token, 'POST /tasks', { body: { type: 'compute', requiredCapabilities: ['nobody-has-this'], payload: { op: 'sum', values: [1] }, idempotencyKey } }));
const listAs = async (token: Token) => ((await call(api, request(token, 'GET /tasks'))).body.tasks as { id: string; submittedBy?: string }[]).map((t) => t.id);
const getAs = (token: Token, id: string) => call(api, request(token, 'GET /tasks/{id}', { pathParameters: { id } }));

describe('the HTTP API shows each caller its own tasks; admins see and control everything', () => {
  let aliceTask: string;
  let bobTask: string;
  beforeAll(async () => {
    await resetState();
    aliceTask = (await submitAs(alice)).body.id as string;
    bobTask = (await submitAs(bob)).body.id as string;
  });

  it('records the submitter of each task', async () => {
    const { status, body } = await getAs(ops, aliceTask);

    expect(status).toBe(200);
    expect(body.submittedBy).toBe('alice');
  });

  it('lists only the caller\'s own tasks', async () => {
    expect(await listAs(alice)).toEqual([aliceTask]);
    expect(await listAs(bob)).toEqual([bobTask]);
  });

  it('answers 404 for another caller\'s task, exactly as for one that does not exist', async () => {
    // Act
    const foreign = await getAs(alice, bobTask);
    const missing = await getAs(alice, randomUUID());

    // Assess
    expect(foreign.status).toBe(404);
    expect(missing.status).toBe(404);
    expect(Object.keys(foreign.body)).toEqual(Object.keys(missing.body));
    expect((await getAs(alice, aliceTask)).status).toBe(200);
  });

  it('does not hand out another caller\'s task for its idempotency key', async () => {
    // Prepare
    const key = randomUUID();
    const first = await submitAs(alice, key);

    // Act
    const reused = await submitAs(bob, key);
    const retried = await submitAs(alice, key);

    // Assess
    expect(reused).toMatchObject({ status: 409 });
    expect(JSON.stringify(reused.body)).not.toContain(first.body.id as string);
    expect(retried).toMatchObject({ status: 200, body: { id: first.body.id, created: false } });
  });

  it('shows an admin every task', async () => {
    expect(await listAs(ops)).toEqual(expect.arrayContaining([aliceTask, bobTask]));
    expect((await getAs(ops, bobTask)).status).toBe(200);
  });

  it.each([
    ['POST /tasks/{id}/cancel', true],
    ['GET /dlq', false],
    ['POST /dlq/{id}/redrive', true],
  ])('refuses %s without the admin scope (403)', async (routeKey, withId) => {
    // Act
    const response = await call(api, request(alice, routeKey, withId ? { pathParameters: { id: aliceTask } } : {}));

    // Assess
    expect(response.status).toBe(403);
    expect((await getAs(alice, aliceTask)).body.status).toBe('pending');
  });

  it('lets an admin cancel anyone\'s task', async () => {
    const response = await call(api, request(ops, 'POST /tasks/{id}/cancel', { pathParameters: { id: bobTask } }));

    expect(response).toMatchObject({ status: 200, body: { id: bobTask, status: 'cancelled' } });
  });

  it('refuses a submission from a token without the submit scope (403)', async () => {
    expect((await submitAs(ops)).status).toBe(403);
  });
});

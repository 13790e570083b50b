import type { APIGatewayProxyEventV2, Context } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import { DependencyUnavailableError } from '../../../lib/errors/dependencyOutage.js';
import { httpHandler, json, serviceUnavailable } from '../../../lib/handlers/index.js';

const event = { routeKey: 'POST /tasks', rawPath: '/tasks', headers: {}, requestContext: {} } as unknown as APIGatewayProxyEventV2;
const context = {} as Context;

describe('serviceUnavailable', () => {
  it.each([
    ['postgres', 'PostgreSQL'],
    ['redis', 'Redis'],
    ['kafka', 'Kafka'],
    ['network', 'A network service'],
  ] as const)('answers 503 with Retry-After naming %s', (service, name) => {
    // Act
    const response = serviceUnavailable(service);

    // Assess
    expect(response.statusCode).toBe(503);
    expect(response.headers).toEqual({ 'content-type': 'application/json', 'retry-after': '5' });
    expect(JSON.parse(response.body!)).toEqual({ message: `${name} is unavailable; try again in 5 s`, service, code: 'dependency-unavailable' });
  });

  it('says the delay it was given, in whole seconds', () => {
    const response = serviceUnavailable('kafka', 2.5);

    expect(response.headers!['retry-after']).toBe('3');
    expect(JSON.parse(response.body!).message).toBe('Kafka is unavailable; try again in 3 s');
  });
});

describe('httpHandler', () => {
  it('passes responses through', async () => {
    const handler = httpHandler(async () => json(201, { id: 't1' }));

    await expect(handler(event, context)).resolves.toMatchObject({ statusCode: 201 });
  });

  it('answers 503 for an outage, found through the cause', async () => {
    // Prepare
    const handler = httpHandler(async () => {
      throw new Error('dispatch failed', { cause: new DependencyUnavailableError('redis') });
    }, { retryAfterSeconds: 2 });

    // Act
    const response = await handler(event, context);

    // Assess
    expect(response).toMatchObject({ statusCode: 503, headers: { 'retry-after': '2' } });
    expect(JSON.parse(response.body!)).toMatchObject({ service: 'redis', code: 'dependency-unavailable' });
  });

  it('rethrows anything else, so a bug still fails the invocation (a 500 from the gateway)', async () => {
    // Prepare
    const bug = new TypeError("Cannot read properties of undefined (reading 'id')");
    const handler = httpHandler(async () => {
      throw bug;
    });

    // Act / Assess
    await expect(handler(event, context)).rejects.toBe(bug);
  });
});

import { describe, expect, it } from 'vitest';
import { HttpRouteInvalidError, matchRoute, type RouteSpec } from '../../../../lib/triggers/index.js';

const route = (method: string, path: string): RouteSpec => ({ method, path });

// Less specific routes first, so the order of declaration cannot be what picks the winner.
const routes = [
  route('ANY', '/{proxy+}'),
  route('GET', '/pets/{proxy+}'),
  route('GET', '/pets/dog/{id}'),
  route('GET', '/pets/dog/1'),
  route('POST', '/pets'),
  route('GET', '/tasks/{id}'),
  route('GET', '/tasks/{id}/events'),
  route('ANY', '/tasks/special'),
  route('GET', '/files/{path+}'),
  route('GET', '/'),
];

// The first four rows are the example table of
// https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-develop-routes.html#http-api-develop-routes.evaluation
describe('matchRoute', () => {
  it.each([
    ['a static route matches fully', 'GET', '/pets/dog/1', 'GET /pets/dog/1', {}],
    ['a path variable matches fully', 'GET', '/pets/dog/2', 'GET /pets/dog/{id}', { id: '2' }],
    ['a greedy variable catches what no route fully matches', 'GET', '/pets/cat/1', 'GET /pets/{proxy+}', { proxy: 'cat/1' }],
    ['ANY catches methods without a route of their own', 'POST', '/test/5', 'ANY /{proxy+}', { proxy: 'test/5' }],
    ['the method must match', 'DELETE', '/pets', 'ANY /{proxy+}', { proxy: 'pets' }],
    ['a greedy variable needs at least one segment', 'GET', '/pets', 'ANY /{proxy+}', { proxy: 'pets' }],
    ['a parameter is never empty', 'GET', '/tasks/', 'ANY /{proxy+}', { proxy: 'tasks/' }],
    ['a literal segment beats a parameter', 'GET', '/tasks/special', 'ANY /tasks/special', {}],
    ['parameters are URL-decoded', 'GET', '/tasks/a%20b', 'GET /tasks/{id}', { id: 'a b' }],
    ['an encoded slash stays inside its segment', 'GET', '/tasks/a%2Fb', 'GET /tasks/{id}', { id: 'a/b' }],
    ['malformed percent-encoding is kept as sent', 'GET', '/tasks/%E0%A4%A', 'GET /tasks/{id}', { id: '%E0%A4%A' }],
    ['a parameter in the middle', 'GET', '/tasks/t1/events', 'GET /tasks/{id}/events', { id: 't1' }],
    ['a greedy variable takes the rest, decoded', 'GET', '/files/a/b%20c.txt', 'GET /files/{path+}', { path: 'a/b c.txt' }],
    ['the root path', 'GET', '/', 'GET /', {}],
  ])('%s: %s %s -> %s', (_story, method, path, routeKey, pathParameters) => {
    const match = matchRoute(routes, method, path);

    expect(match && `${match.route.method} ${match.route.path}`).toBe(routeKey);
    expect(match?.pathParameters).toEqual(pathParameters);
  });

  it('prefers a route for the method over ANY on the same path', () => {
    const specific = route('GET', '/health');

    expect(matchRoute([route('ANY', '/health'), specific], 'GET', '/health')?.route).toBe(specific);
  });

  it('finds nothing without a matching path and method', () => {
    const few = [route('POST', '/tasks'), route('GET', '/tasks/{id}')];

    expect(matchRoute(few, 'GET', '/tasks')).toBeUndefined();
    expect(matchRoute(few, 'GET', '/tasks/t1/extra')).toBeUndefined();
    expect(matchRoute(few, 'PUT', '/tasks/t1')).toBeUndefined();
    expect(matchRoute(few, 'get', '/tasks/t1')).toBeUndefined();
    expect(matchRoute(few, 'GET', '/Tasks/t1')).toBeUndefined();
  });

  it.each([
    ['FETCH /tasks', 'unknown method "FETCH"'],
    ['GET tasks', 'the path must start with "/"'],
    ['GET /files/{path+}/meta', 'the greedy parameter {path+} must be the last segment'],
    ['GET /a/{id}/{id}', 'the parameter "id" appears twice'],
    ['GET /a/x{id}', '"x{id}" is neither a literal segment nor {name} / {name+}'],
  ])('rejects the route %s: %s', (routeKey, reason) => {
    const [method = '', path = ''] = routeKey.split(' ');

    expect(() => matchRoute([route(method, path)], 'GET', '/')).toThrow(new HttpRouteInvalidError(routeKey, reason));
  });
});

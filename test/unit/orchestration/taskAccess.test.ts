import { describe, expect, it } from 'vitest';
import { ALL_API_SCOPES, API_SCOPES, ROUTE_SCOPES, type ApiCaller } from '../../../lib/contracts/index.js';
import { mayCall, maySee, visibleSubmitter } from '../../../lib/orchestration/taskAccess.js';

const alice: ApiCaller = { id: 'alice', scopes: [API_SCOPES.submit, API_SCOPES.read] };
const ops: ApiCaller = { id: 'ops', scopes: [API_SCOPES.read, API_SCOPES.admin] };
const local: ApiCaller = { id: 'local', scopes: ALL_API_SCOPES };

describe('who may call which route', () => {
  it.each(Object.entries(ROUTE_SCOPES))('lets %s through only with %s', (routeKey, scope) => {
    expect(mayCall({ id: 'x', scopes: [scope] }, routeKey)).toBe(true);
    expect(mayCall({ id: 'x', scopes: ALL_API_SCOPES.filter((s) => s !== scope) }, routeKey)).toBe(false);
  });

  it('keeps a submitter off the admin routes', () => {
    expect(['POST /tasks/{id}/cancel', 'GET /dlq', 'POST /dlq/{id}/redrive'].map((r) => mayCall(alice, r))).toEqual([false, false, false]);
  });

  it('asks the admin scope for a route nobody classified', () => {
    expect(mayCall(alice, 'DELETE /tasks')).toBe(false);
    expect(mayCall(ops, 'DELETE /tasks')).toBe(true);
  });
});

describe('which tasks a caller sees', () => {
  it('shows a caller without the admin scope only its own tasks', () => {
    expect(visibleSubmitter(alice)).toBe('alice');
    expect(maySee(alice, { submittedBy: 'alice' })).toBe(true);
    expect(maySee(alice, { submittedBy: 'bob' })).toBe(false);
    expect(maySee(alice, {})).toBe(false);
  });

  it.each([['an admin', ops], ['the local harness', local]])('shows %s every task, with or without a submitter', (_name, caller) => {
    expect(visibleSubmitter(caller)).toBeUndefined();
    expect(maySee(caller, { submittedBy: 'bob' })).toBe(true);
    expect(maySee(caller, {})).toBe(true);
  });
});

import { beforeAll, describe, expect, it } from 'vitest';
import type { Template } from 'aws-cdk-lib/assertions';
import { API_SCOPES, ROUTE_SCOPES, type AgentManifest } from '../../lib/contracts/index.js';
import { defineAgent } from '../../lib/manifest/index.js';
import coordinationAgent from '../../functions/coordination/agent.js';
import { NOOP_HANDLER, probeAgent } from './fixtures/agents.js';
import { buildTestApp, resourcesOf, templateOf } from './support.js';

const JWT = { 'syntor:httpAuth': 'jwt', 'syntor:jwtIssuer': 'https://issuer.example.com', 'syntor:jwtAudience': 'syntor' };

/** The coordinator's seven routes on a no-op handler: the stacks see only the manifest's triggers. */
const apiAgent: AgentManifest = defineAgent({
  name: 'routes',
  kind: 'service',
  capabilities: [],
  functions: [{
    name: 'api',
    entry: NOOP_HANDLER,
    triggers: Object.keys(ROUTE_SCOPES).map((key) => {
      const [method, path] = key.split(' ') as ['GET' | 'POST', string];
      return { type: 'http' as const, method, path };
    }),
  }],
});

describe('HTTP API authorisation per route', () => {
  let jwtRoutes: Template;
  beforeAll(async () => {
    jwtRoutes = templateOf((await buildTestApp([apiAgent], JWT)).agents);
  });

  it('classifies every route the coordinator declares', () => {
    const declared = coordinationAgent.functions.flatMap((fn) => fn.triggers.flatMap((t) => (t.type === 'http' ? [`${t.method} ${t.path}`] : [])));

    expect(declared.sort()).toEqual(Object.keys(ROUTE_SCOPES).sort());
  });

  it.each(Object.entries(ROUTE_SCOPES))('requires the JWT scope of %s: %s', (routeKey, scope) => {
    jwtRoutes.hasResourceProperties('AWS::ApiGatewayV2::Route', { RouteKey: routeKey, AuthorizationType: 'JWT', AuthorizationScopes: [scope] });
  });

  it('makes a route nobody classified admin-only', async () => {
    const syntor = await buildTestApp([probeAgent], JWT);

    templateOf(syntor.agents).hasResourceProperties('AWS::ApiGatewayV2::Route', { RouteKey: 'POST /probe', AuthorizationType: 'JWT', AuthorizationScopes: [API_SCOPES.admin] });
  });

  it('puts no scopes on IAM routes: their callers are authorised by execute-api:Invoke', async () => {
    const syntor = await buildTestApp([apiAgent]);

    const routes = Object.values(resourcesOf(templateOf(syntor.agents), 'AWS::ApiGatewayV2::Route'));
    expect(routes).toHaveLength(Object.keys(ROUTE_SCOPES).length);
    for (const route of routes) {
      expect(route.Properties.AuthorizationType).toBe('AWS_IAM');
      expect(route.Properties.AuthorizationScopes).toBeUndefined();
    }
  });
});

describe('IAM callers that are admins', () => {
  it('are the principals named by syntor:apiAdminPrincipals, told to the functions behind the routes only', async () => {
    const admins = 'arn:aws:iam::123456789012:role/Operators,arn:aws:iam::123456789012:user/oncall';
    const syntor = await buildTestApp([coordinationAgent], { 'syntor:apiAdminPrincipals': admins });
    const functions = Object.values(resourcesOf(templateOf(syntor.agents), 'AWS::Lambda::Function'));
    const variable = (suffix: string) => (functions.find((f) => String(f.Properties.FunctionName).endsWith(suffix))!.Properties.Environment as { Variables: Record<string, unknown> }).Variables.SYNTOR_API_ADMIN_PRINCIPALS;

    expect(variable('-coordination-api')).toBe(admins);
    expect(variable('-coordination-submit')).toBe(admins);
    expect(variable('-coordination-complete')).toBeUndefined();
  });
});

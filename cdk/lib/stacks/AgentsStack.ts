import { CfnOutput, Stack, type StackProps } from 'aws-cdk-lib';
import { AccessLogFormat } from 'aws-cdk-lib/aws-apigateway';
import * as apigw from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpIamAuthorizer, HttpJwtAuthorizer } from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import * as logs from 'aws-cdk-lib/aws-logs';
import type { Construct } from 'constructs';
import { HTTP_API_STAGE, scopeOfRoute } from '../../../lib/contracts/index.js';
import type { BundleCatalog } from '../../../lib/bundling/types.js';
import type { DeploymentSettings } from '../config/types.js';
import { AgentFunction } from '../constructs/AgentFunction.js';
import { envelopeKeySecret } from '../constructs/envelopeKeySecret.js';
import type { PlannedFunction } from '../manifests/types.js';
import type { SyntorData } from './DataStack.js';
import type { SyntorNetwork } from './NetworkStack.js';

export interface AgentsStackProps extends StackProps {
  readonly settings: DeploymentSettings;
  readonly network: SyntorNetwork;
  readonly data: SyntorData;
  /** The MSK cluster's ARN; absent with `syntor:kafka=self-managed`. */
  readonly clusterArn?: string;
  readonly bundles: BundleCatalog;
  /** The manifest functions to deploy (see `planFunctions`). */
  readonly functions: readonly PlannedFunction[];
}

/** Every manifest function on Lambda, and the HTTP API serving their routes (when any has one). */
export class AgentsStack extends Stack {
  readonly functions: readonly AgentFunction[];
  readonly api: apigw.HttpApi | undefined;

  constructor(scope: Construct, id: string, props: AgentsStackProps) {
    super(scope, id, props);
    const { settings } = props;
    const agentNames = [...new Set(props.functions.map((planned) => planned.agent.name))];
    const envelopeKeys = new Map(agentNames.map((name) => [name, envelopeKeySecret(this, name, settings)]));
    this.functions = props.functions.map((planned) =>
      new AgentFunction(this, planned.id, {
        planned,
        bundle: props.bundles.get(planned.fn.entry),
        settings,
        network: props.network,
        ...(props.clusterArn === undefined ? {} : { clusterArn: props.clusterArn }),
        data: props.data,
        envelopeKeys,
      }),
    );
    const routed = this.functions.filter((f) => f.planned.routes.length > 0);
    this.api = routed.length === 0 ? undefined : this.httpApi(settings, routed);
  }

  private httpApi(settings: DeploymentSettings, routed: readonly AgentFunction[]): apigw.HttpApi {
    const authorizer = settings.http.auth === 'jwt'
      ? new HttpJwtAuthorizer('jwt', settings.http.jwtIssuer ?? '', { jwtAudience: [...settings.http.jwtAudience] })
      : new HttpIamAuthorizer();
    const api = new apigw.HttpApi(this, 'http-api', { apiName: `${settings.prefix}-api`, defaultAuthorizer: authorizer, createDefaultStage: false });
    const accessLogs = new logs.LogGroup(this, 'http-access-logs', {
      retention: settings.logRetentionDays as logs.RetentionDays,
      removalPolicy: settings.removal.durable,
    });
    const stage = new apigw.HttpStage(this, 'http-stage', {
      httpApi: api,
      stageName: '$default',
      autoDeploy: true,
      throttle: { ...HTTP_API_STAGE.throttle },
      accessLogSettings: { destination: new apigw.LogGroupLogDestination(accessLogs), format: ACCESS_LOG_FORMAT },
    });
    for (const fn of routed) {
      const integration = new HttpLambdaIntegration(`${fn.planned.id}-integration`, fn.function);
      for (const route of fn.planned.routes) {
        // Scopes are a JWT notion; IAM callers are authorised by execute-api:Invoke on the route ARNs instead.
        const authorizationScopes = settings.http.auth === 'jwt' ? [scopeOfRoute(`${route.method} ${route.path}`)] : undefined;
        api.addRoutes({ path: route.path, methods: [apigw.HttpMethod[route.method]], integration, ...(authorizationScopes ? { authorizationScopes } : {}) });
      }
    }
    new CfnOutput(this, 'api-url', { value: stage.url, description: 'SYNTOR HTTP API' });
    return api;
  }
}

const ACCESS_LOG_FORMAT = AccessLogFormat.custom(JSON.stringify({
  requestId: '$context.requestId',
  ip: '$context.identity.sourceIp',
  caller: '$context.identity.caller',
  routeKey: '$context.routeKey',
  status: '$context.status',
  latencyMs: '$context.responseLatency',
  integrationError: '$context.integrationErrorMessage',
}));

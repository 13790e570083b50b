import type { CloudFormationCustomResourceEvent } from 'aws-lambda';

/** What a custom resource provider's onEvent handler returns (aws-cdk-lib/custom-resources `Provider`). */
export interface ProviderResponse {
  readonly PhysicalResourceId: string;
  readonly Data?: Record<string, string | number>;
}

export type ProviderHandler = (event: CloudFormationCustomResourceEvent) => Promise<ProviderResponse>;

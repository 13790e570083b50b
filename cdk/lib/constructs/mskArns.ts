import { Fn, Stack } from 'aws-cdk-lib';
import type { IConstruct } from 'constructs';

/** ARNs that MSK IAM access control authorizes against, derived from the cluster's ARN. */
export interface MskArns {
  readonly cluster: string;
  topic(name: string): string;
  group(id: string): string;
}

/**
 * `arn:aws:kafka:<region>:<account>:cluster/<name>/<uuid>` → `…:topic/<name>/<uuid>/<topic>` and
 * `…:group/<name>/<uuid>/<group>`, so a role names exact topics and groups, never `*`.
 * https://docs.aws.amazon.com/msk/latest/developerguide/create-iam-access-control-policies.html
 */
export function mskArns(scope: IConstruct, clusterArn: string): MskArns {
  const parts = Fn.split('/', clusterArn, 3);
  const stack = Stack.of(scope);
  const base = (kind: string) => `arn:${stack.partition}:kafka:${stack.region}:${stack.account}:${kind}/${Fn.select(1, parts)}/${Fn.select(2, parts)}`;
  return {
    cluster: clusterArn,
    topic: (name) => `${base('topic')}/${name}`,
    group: (id) => `${base('group')}/${id}`,
  };
}

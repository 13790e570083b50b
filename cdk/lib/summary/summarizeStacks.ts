import type { CloudAssembly } from 'aws-cdk-lib/cx-api';

export interface StackSummary {
  readonly name: string;
  readonly resources: number;
  /** Resource counts by service (`AWS::EC2::…` → `EC2`), largest first. */
  readonly byService: readonly (readonly [string, number])[];
}

/** Resources per stack of a synthesized assembly. */
export function summarizeStacks(assembly: CloudAssembly): StackSummary[] {
  return assembly.stacks.map((stack) => {
    const resources = Object.values((stack.template as { Resources?: Record<string, { Type: string }> }).Resources ?? {});
    const counts = new Map<string, number>();
    for (const { Type } of resources) {
      const service = Type.split('::')[1] ?? Type;
      counts.set(service, (counts.get(service) ?? 0) + 1);
    }
    return { name: stack.stackName, resources: resources.length, byService: [...counts].sort((a, b) => b[1] - a[1]) };
  });
}

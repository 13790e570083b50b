import type { IConstruct } from 'constructs';

export interface Acknowledgement {
  readonly rule: string;
  readonly reason: string;
  /** Construct paths it was given on. */
  readonly paths: readonly string[];
}

const METADATA_TYPE = 'aws:cdk:acknowledged-rules';

/**
 * Every `Validations.of(x).acknowledge(...)` of a rule pack's findings in the tree (by default cdk-nag's
 * AwsSolutions), the same rule and reason grouped together.
 */
export function collectAcknowledgements(root: IConstruct, rulePrefix = 'AwsSolutions-'): Acknowledgement[] {
  const grouped = new Map<string, { rule: string; reason: string; paths: string[] }>();
  for (const node of root.node.findAll()) {
    for (const entry of node.node.metadata) {
      if (entry.type !== METADATA_TYPE) continue;
      for (const [key, reason] of Object.entries(entry.data as Record<string, string>)) {
        const rule = key.replace(/^[^:]+::/, '');
        if (!rule.startsWith(rulePrefix)) continue;
        const id = `${rule}\u0000${reason}`;
        const group = grouped.get(id) ?? { rule, reason, paths: [] };
        group.paths.push(node.node.path);
        grouped.set(id, group);
      }
    }
  }
  return [...grouped.values()].sort((a, b) => a.rule.localeCompare(b.rule));
}

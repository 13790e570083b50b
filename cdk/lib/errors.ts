import { SyntorError } from '../../lib/errors/index.js';

/** A `-c` context value (or a combination of them) the app cannot deploy. Names every problem. */
export class CdkContextInvalidError extends SyntorError {
  readonly code = 'cdk-context-invalid';

  constructor(readonly problems: readonly string[]) {
    super(`Invalid CDK context:\n${problems.map((p) => `  ${p}`).join('\n')}`);
  }
}

/** An agent manifest that validates on its own but cannot be deployed as declared. */
export class CdkManifestUnsupportedError extends SyntorError {
  readonly code = 'cdk-manifest-unsupported';

  constructor(readonly problems: readonly string[]) {
    super(`The agent manifests cannot be deployed:\n${problems.map((p) => `  ${p}`).join('\n')}`);
  }
}

import { Validations } from 'aws-cdk-lib';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import type { Construct } from 'constructs';
import type { DeploymentSettings } from '../config/types.js';

/**
 * One agent's envelope signing key, `{ "key": "…" }` (64 generated characters): read by that agent's
 * functions to sign and by the coordinator's to check, by nobody else. Encrypted with Secrets
 * Manager's own key: no other principal needs a grant on a customer key for it.
 */
export function envelopeKeySecret(scope: Construct, agent: string, settings: DeploymentSettings): secretsmanager.Secret {
  const secret = new secretsmanager.Secret(scope, `envelope-key-${agent}`, {
    secretName: `${settings.prefix}/envelope-key/${agent}`,
    description: `SYNTOR envelope signing key of the ${agent} agent`,
    removalPolicy: settings.removal.durable,
    generateSecretString: { secretStringTemplate: '{}', generateStringKey: 'key', passwordLength: 64, excludePunctuation: true },
  });
  Validations.of(secret).acknowledge({
    id: 'AwsSolutions-SMG4',
    reason: 'An envelope key is read once per Lambda instance, so a rotated key would refuse the records in flight until every instance is recycled; rotate by updating the secret and redeploying (README, Security model).',
  });
  return secret;
}

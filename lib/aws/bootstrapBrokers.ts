import type { KafkaClient } from '@aws-sdk/client-kafka';
import { AwsBrokersLookupError } from './errors.js';

/**
 * The IAM listener's bootstrap brokers of an MSK cluster (provisioned or serverless), as `host:port`.
 *
 * @throws AwsBrokersLookupError (retriable) when the API fails; not retriable when the cluster has no IAM listener.
 */
export async function lookupBootstrapBrokers(client: KafkaClient, clusterArn: string): Promise<string[]> {
  // Loaded on first use, from Lambda's runtime on AWS (see sdkClients.ts).
  const { GetBootstrapBrokersCommand } = await import('@aws-sdk/client-kafka');
  let brokers: string | undefined;
  try {
    const out = await client.send(new GetBootstrapBrokersCommand({ ClusterArn: clusterArn }));
    brokers = out.BootstrapBrokerStringSaslIam;
  } catch (error) {
    throw new AwsBrokersLookupError(clusterArn, (error as Error).message, { cause: error });
  }
  const list = (brokers ?? '').split(',').map((b) => b.trim()).filter(Boolean);
  if (list.length === 0) throw new AwsBrokersLookupError(clusterArn, 'the cluster has no IAM (SASL/IAM) listener', { retriable: false });
  return list;
}

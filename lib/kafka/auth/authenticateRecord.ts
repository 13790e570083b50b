import type { Message } from '../../contracts/index.js';
import { headerValue } from '../msk/decode.js';
import type { KafkaRecord } from '../msk/types.js';
import type { EnvelopeKeyring } from './envelopeKeys.js';
import { macMatches, readSignature, SIGNATURE_HEADER } from './envelopeSignature.js';

/**
 * The agent whose signature is good for any source: it holds every key anyway (it verifies with
 * them), and it redrives dead letters that other agents sent.
 */
export const COORDINATOR_AGENT = 'coordination';

export type RecordAuthentication = { ok: true; signer: string } | { ok: false; problem: string };

/**
 * Whether a record was sent by the agent it speaks for: signed by a key the keyring knows, by the
 * envelope's `source`, and, where the payload names an agent (a completion, a heartbeat), by that
 * agent too. Only the coordinator may sign for someone else.
 *
 * @example
 * const verdict = await authenticateRecord(record, message, keyring);
 * if (!verdict.ok) deadLetter(record, 'unauthenticated', verdict.problem);
 */
export async function authenticateRecord(record: KafkaRecord, message: Message, keyring: EnvelopeKeyring): Promise<RecordAuthentication> {
  const signature = readSignature(headerValue(record, SIGNATURE_HEADER));
  if ('problem' in signature) return { ok: false, problem: signature.problem };
  const key = await keyring.keyFor(signature.agent);
  if (!key) return { ok: false, problem: `it is signed as "${signature.agent}", an agent with no known key` };
  if (!macMatches(key, { topic: record.topic, key: record.key, value: record.value }, signature.mac)) {
    return { ok: false, problem: `its signature is not "${signature.agent}"'s for this topic, key and value` };
  }
  if (signature.agent === COORDINATOR_AGENT) return { ok: true, signer: signature.agent };
  if (message.source !== signature.agent) return { ok: false, problem: `it is signed by "${signature.agent}" but says it comes from "${message.source}"` };
  const named = (message.payload as { agent?: unknown } | null)?.agent;
  if (typeof named === 'string' && named !== signature.agent) return { ok: false, problem: `it is signed by "${signature.agent}" but speaks for agent "${named}"` };
  return { ok: true, signer: signature.agent };
}

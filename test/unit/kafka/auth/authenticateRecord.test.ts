import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { TOPICS, type Message } from '../../../../lib/contracts/index.js';
import { authenticateRecord, deriveAgentKey, derivedKeyring, keyBytes, signRecord, SIGNATURE_HEADER, type EnvelopeSigner } from '../../../../lib/kafka/auth/index.js';
import type { KafkaRecord } from '../../../../lib/kafka/index.js';
import { buildKafkaRecord, kafkaRecordArbitrary } from '../../../fixtures/kafkaRecords.js';
import { buildHeartbeat } from '../../../fixtures/messages.js';

const master = 'a master key of the harness, long enough to count';
const keyring = derivedKeyring(master);
const signerFor = (agent: string): EnvelopeSigner => ({ agent, key: keyBytes(deriveAgentKey(master, agent)) });

/** A heartbeat record as `agent` would put it on the topic, signed by `signer` (none: unsigned). */
function heartbeatRecord(message: Message, signer?: EnvelopeSigner): KafkaRecord {
  const value = Buffer.from(JSON.stringify(message));
  const record = buildKafkaRecord({ topic: TOPICS.agentHeartbeat, key: Buffer.from('worker-alpha'), value });
  if (!signer) return record;
  return { ...record, headers: [{ key: SIGNATURE_HEADER, value: Buffer.from(signRecord(signer, { topic: record.topic, key: record.key, value })) }] };
}

const fromAlpha = buildHeartbeat({ agent: 'worker-alpha' });
const alphaMessage: Message = { ...fromAlpha, source: 'worker-alpha' };

describe('authenticateRecord: a record counts only when the agent it speaks for signed it', () => {
  it('accepts a heartbeat signed by its own agent', async () => {
    await expect(authenticateRecord(heartbeatRecord(alphaMessage, signerFor('worker-alpha')), alphaMessage, keyring)).resolves.toEqual({ ok: true, signer: 'worker-alpha' });
  });

  it('refuses an unsigned record, naming the header it lacks', async () => {
    await expect(authenticateRecord(heartbeatRecord(alphaMessage), alphaMessage, keyring)).resolves.toEqual({ ok: false, problem: `the record has no ${SIGNATURE_HEADER} header` });
  });

  it('refuses a record that names an agent but was signed with another key', async () => {
    const forged = { agent: 'worker-alpha', key: keyBytes(deriveAgentKey(master, 'worker-beta')) };
    const verdict = await authenticateRecord(heartbeatRecord(alphaMessage, forged), alphaMessage, keyring);
    expect(verdict).toEqual({ ok: false, problem: expect.stringContaining(`not "worker-alpha"'s`) });
  });

  it('refuses a worker signing as itself but claiming to be another agent', async () => {
    const beta = signerFor('worker-beta');
    const verdict = await authenticateRecord(heartbeatRecord(alphaMessage, beta), alphaMessage, keyring);
    expect(verdict).toEqual({ ok: false, problem: 'it is signed by "worker-beta" but says it comes from "worker-alpha"' });

    const speaksForAlpha: Message = { ...alphaMessage, source: 'worker-beta' };
    await expect(authenticateRecord(heartbeatRecord(speaksForAlpha, beta), speaksForAlpha, keyring)).resolves.toEqual({ ok: false, problem: 'it is signed by "worker-beta" but speaks for agent "worker-alpha"' });
  });

  it('accepts the coordinator signing for anyone: it redrives what others sent', async () => {
    await expect(authenticateRecord(heartbeatRecord(alphaMessage, signerFor('coordination')), alphaMessage, keyring)).resolves.toEqual({ ok: true, signer: 'coordination' });
  });

  it('refuses a signer the keyring has no key for', async () => {
    const none = { keyFor: async () => undefined };
    await expect(authenticateRecord(heartbeatRecord(alphaMessage, signerFor('worker-alpha')), alphaMessage, none)).resolves.toEqual({ ok: false, problem: 'it is signed as "worker-alpha", an agent with no known key' });
  });

  it('refuses a malformed signature header', async () => {
    const record = { ...heartbeatRecord(alphaMessage), headers: [{ key: SIGNATURE_HEADER, value: Buffer.from('v0 worker-alpha abc') }] };
    await expect(authenticateRecord(record, alphaMessage, keyring)).resolves.toMatchObject({ ok: false, problem: expect.stringContaining('is not "v1 <agent> <mac>"') });
  });

  it('binds the signature to the topic, the key and the value: a signed record moved or changed no longer verifies', async () => {
    const alpha = signerFor('worker-alpha');
    await fc.assert(
      fc.asyncProperty(kafkaRecordArbitrary, fc.constantFrom('topic', 'key', 'value'), async (record, changed) => {
        const signature = signRecord(alpha, record);
        const signed = { ...record, headers: [{ key: SIGNATURE_HEADER, value: Buffer.from(signature) }] };
        expect(await authenticateRecord(signed, alphaMessage, keyring)).toEqual({ ok: true, signer: 'worker-alpha' });

        const tampered =
          changed === 'topic' ? { ...signed, topic: `${signed.topic}x` } : changed === 'key' ? { ...signed, key: Buffer.concat([signed.key ?? Buffer.alloc(0), Buffer.from('x')]) } : { ...signed, value: Buffer.concat([signed.value ?? Buffer.alloc(0), Buffer.from('x')]) };
        expect((await authenticateRecord(tampered, alphaMessage, keyring)).ok).toBe(false);
      }),
      { numRuns: 200 },
    );
  });

  it('does not let bytes move between key and value under one signature', async () => {
    const alpha = signerFor('worker-alpha');
    const signature = signRecord(alpha, { topic: 't', key: 'ab', value: 'c' });
    const moved = buildKafkaRecord({ topic: 't', key: Buffer.from('a'), value: Buffer.from('bc'), headers: [{ key: SIGNATURE_HEADER, value: Buffer.from(signature) }] });
    expect((await authenticateRecord(moved, alphaMessage, keyring)).ok).toBe(false);
  });
});

import { describe, expect, it, vi } from 'vitest';
import { TOPICS } from '../../../lib/contracts/index.js';
import type { Deps } from '../../../lib/orchestration/deps.js';
import { redrive } from '../../../lib/orchestration/deadLetters.js';

/** Deps holding one raw (non-task) dead letter from `topic`, with a producer and store that remember what they were asked. */
function depsWithRawLetter(topic: string) {
  const sendRaw = vi.fn().mockResolvedValue([]);
  const markRedriven = vi.fn().mockResolvedValue(undefined);
  const letter = { id: 'letter-1', origin: { topic, partition: 0, offset: '7', key: 'k' }, value: Buffer.from('{"raw":true}').toString('base64') };
  const deps = { deadLetters: { get: vi.fn().mockResolvedValue(letter), markRedriven }, producer: { sendRaw } } as unknown as Deps;
  return { deps, sendRaw, markRedriven };
}

describe('redriving a raw dead letter', () => {
  it('republishes it, as it was, to the SYNTOR topic it came from', async () => {
    const { deps, sendRaw, markRedriven } = depsWithRawLetter(TOPICS.taskStatus);

    const outcome = await redrive(deps, 'letter-1', 'api');

    expect(outcome).toEqual({ ok: true });
    expect(sendRaw).toHaveBeenCalledWith(TOPICS.taskStatus, [{ key: 'k', value: Buffer.from('{"raw":true}') }]);
    expect(markRedriven).toHaveBeenCalledWith('letter-1');
  });

  it.each(['customer.payments', '__consumer_offsets'])('refuses one whose origin names %s, saying why, and sends nothing', async (topic) => {
    const { deps, sendRaw, markRedriven } = depsWithRawLetter(topic);

    const outcome = await redrive(deps, 'letter-1', 'api');

    expect(outcome).toMatchObject({ ok: false, reason: expect.stringContaining(`came from ${topic}, which is not a SYNTOR topic`) });
    expect(sendRaw).not.toHaveBeenCalled();
    expect(markRedriven).not.toHaveBeenCalled();
  });
});

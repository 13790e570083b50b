import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  BUILTIN_CAPABILITIES,
  CapabilityDefinitionError,
  CapabilityFailedError,
  CapabilityInputError,
  CapabilityOutputInvalidError,
  CapabilityRefusedError,
  defineCapability,
  indexCapabilities,
  runCapability,
  toErrorInfo,
} from '../../../lib/capabilities/index.js';
import { capabilitySchema } from '../../../lib/contracts/index.js';
import { SyntorError } from '../../../lib/errors/index.js';
import { buildCapabilityContext } from './fixtures.js';

function buildEcho(run: (input: { text: string; times: number }) => Promise<unknown>) {
  return defineCapability({
    name: 'test.echo',
    description: 'Repeats text.',
    input: z.object({ text: z.string(), times: z.int().min(1) }),
    output: z.object({ echoed: z.string() }),
    run: run as (input: { text: string; times: number }) => Promise<{ echoed: string }>,
  });
}

const echo = buildEcho(async ({ text, times }) => ({ echoed: text.repeat(times) }));

describe('runCapability', () => {
  it('validates the payload, runs and returns the validated result', async () => {
    const { ctx } = buildCapabilityContext();

    const result = await runCapability(echo, { text: 'ab', times: 2 }, ctx);

    expect(result).toEqual({ echoed: 'abab' });
  });

  it('refuses an invalid payload with a non-retriable CapabilityInputError naming each bad field', async () => {
    const { ctx } = buildCapabilityContext();
    let ran = false;
    const watched = buildEcho(async () => {
      ran = true;
      return { echoed: '' };
    });

    const error = await runCapability(watched, { text: 5, times: 0 }, ctx).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(CapabilityInputError);
    expect(error).toBeInstanceOf(SyntorError);
    const inputError = error as CapabilityInputError;
    expect(inputError.retriable).toBe(false);
    expect(inputError.name).toBe('CapabilityInputError');
    expect(inputError.fields.map((field) => field.path)).toEqual(['text', 'times']);
    expect(inputError.message).toMatch(/^test\.echo: invalid input: text: .*; times: /);
    expect(ran).toBe(false);
  });

  it('turns an error thrown by run into a retriable CapabilityFailedError keeping the cause', async () => {
    const { ctx } = buildCapabilityContext();
    const boom = new Error('upstream unavailable');
    const failing = buildEcho(async () => {
      throw boom;
    });

    const error = await runCapability(failing, { text: 'a', times: 1 }, ctx).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(CapabilityFailedError);
    expect((error as CapabilityFailedError).retriable).toBe(true);
    expect((error as Error).message).toBe('test.echo: upstream unavailable');
    expect((error as Error).cause).toBe(boom);
  });

  it.each([
    { retriable: false, expected: false },
    { retriable: true, expected: true },
    { retriable: 'no', expected: true },
  ])('keeps a thrown error\'s own retriable flag when it is a boolean ($retriable)', async ({ retriable, expected }) => {
    const { ctx } = buildCapabilityContext();
    const failing = buildEcho(async () => {
      throw Object.assign(new Error('nope'), { retriable });
    });

    const error = await runCapability(failing, { text: 'a', times: 1 }, ctx).catch((e: unknown) => e);

    expect((error as CapabilityFailedError).retriable).toBe(expected);
  });

  it('wraps a thrown non-Error value', async () => {
    const { ctx } = buildCapabilityContext();
    const failing = buildEcho(() => Promise.reject('plain string'));

    const error = await runCapability(failing, { text: 'a', times: 1 }, ctx).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(CapabilityFailedError);
    expect((error as Error).message).toBe('test.echo: plain string');
  });

  it('lets capability errors thrown by run through unchanged', async () => {
    const { ctx } = buildCapabilityContext();
    const refusal = new CapabilityRefusedError('test.echo', 'scheme', 'x', 'no');
    const refusing = buildEcho(async () => {
      throw refusal;
    });

    await expect(runCapability(refusing, { text: 'a', times: 1 }, ctx)).rejects.toBe(refusal);
  });

  it('treats a result that fails the output schema as a bug: CapabilityOutputInvalidError, not retriable', async () => {
    const { ctx } = buildCapabilityContext();
    const buggy = buildEcho(async () => ({ echoed: 42 }));

    const error = await runCapability(buggy, { text: 'a', times: 1 }, ctx).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(CapabilityOutputInvalidError);
    expect(error).toBeInstanceOf(CapabilityFailedError);
    expect((error as CapabilityOutputInvalidError).retriable).toBe(false);
    expect((error as CapabilityOutputInvalidError).fields).toEqual([{ path: 'echoed', message: expect.any(String) }]);
  });
});

describe('defineCapability', () => {
  it.each(['Compute', 'data..transform', 'http_request', '1st', ''])('refuses the name "%s"', (name) => {
    expect(() => defineCapability({ ...echo, name })).toThrow(CapabilityDefinitionError);
  });

  it('refuses an empty description', () => {
    expect(() => defineCapability({ ...echo, description: ' ' })).toThrow(/description is empty/);
  });
});

describe('indexCapabilities', () => {
  it('indexes by name and refuses a name listed twice', () => {
    expect([...indexCapabilities([echo]).keys()]).toEqual(['test.echo']);
    expect(() => indexCapabilities([echo, echo])).toThrow(/"test\.echo" is invalid: listed twice/);
  });
});

describe('BUILTIN_CAPABILITIES', () => {
  it('lists compute, data.transform and http.request under valid, unique names', () => {
    const names = BUILTIN_CAPABILITIES.map((capability) => capability.name);

    expect(names).toEqual(['compute', 'data.transform', 'http.request']);
    expect(indexCapabilities(BUILTIN_CAPABILITIES).size).toBe(3);
    for (const name of names) expect(capabilitySchema.safeParse(name).success).toBe(true);
  });
});

describe('toErrorInfo', () => {
  it('carries the class name, message, retriable flag and bad fields of an input error', () => {
    const error = new CapabilityInputError('compute', [{ path: 'n', message: 'at most 10' }]);

    expect(toErrorInfo(error)).toEqual({
      code: 'CapabilityInputError',
      message: 'compute: invalid input: n: at most 10',
      retriable: false,
      details: { fields: [{ path: 'n', message: 'at most 10' }] },
    });
  });

  it('describes other errors without a stack trace', () => {
    expect(toErrorInfo(new CapabilityFailedError('compute', 'boom'))).toEqual({ code: 'CapabilityFailedError', message: 'compute: boom', retriable: true });
    expect(toErrorInfo('odd')).toEqual({ code: 'Error', message: 'odd', retriable: true });
  });
});

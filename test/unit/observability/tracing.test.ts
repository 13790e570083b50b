import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { contextFromTraceparent, ROOT_CONTEXT, startSpan, trace, traceparentOf, traceparentOfSpan } from '../../../lib/observability/tracing.js';

const hex = (length: number) => fc.string({ unit: fc.constantFrom(...'0123456789abcdef'), minLength: length, maxLength: length });
const traceparent = fc
  .tuple(hex(32), hex(16), fc.constantFrom('00', '01'))
  .filter(([t, s]) => !/^0+$/.test(t) && !/^0+$/.test(s))
  .map(([t, s, f]) => `00-${t}-${s}-${f}`);

describe('traceparent without a tracing SDK', () => {
  it('reads and writes back any valid traceparent unchanged', () => {
    fc.assert(fc.property(traceparent, (value) => traceparentOf(contextFromTraceparent(value)) === value));
  });

  it('passes the ids through a span started under it: the trace continues, hop after hop', () => {
    const incoming = '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01';
    const span = startSpan('process syntor.tasks.assignment', { parent: contextFromTraceparent(incoming) });
    expect(traceparentOfSpan(span)).toBe(incoming);
    expect(trace.getSpanContext(contextFromTraceparent(incoming))).toMatchObject({ isRemote: true, traceFlags: 1 });
  });

  it.each([
    ['missing', undefined],
    ['not hex', '00-4bf92f3577b34da6a3ce929d0e0e473z-00f067aa0ba902b7-01'],
    ['an all-zero trace id', `00-${'0'.repeat(32)}-00f067aa0ba902b7-01`],
    ['an all-zero span id', `00-4bf92f3577b34da6a3ce929d0e0e4736-${'0'.repeat(16)}-01`],
    ['an unknown version', 'ff-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01'],
    ['a short span id', '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902-01'],
  ])('ignores a traceparent that is %s (the context stays the base)', (_what, value) => {
    expect(contextFromTraceparent(value)).toBe(ROOT_CONTEXT);
    expect(traceparentOf(contextFromTraceparent(value))).toBeUndefined();
  });
});

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { TraceContext } from '../../../lib/observability/traceContext.js';

const hex = (length: number) => fc.string({ unit: fc.constantFrom(...'0123456789abcdef'), minLength: length, maxLength: length });
const traceparent = fc
  .tuple(hex(32), hex(16), fc.constantFrom('00', '01'))
  .filter(([t, s]) => !/^0+$/.test(t) && !/^0+$/.test(s))
  .map(([t, s, f]) => `00-${t}-${s}-${f}`);

describe('trace context without a tracing SDK', () => {
  it('reads and writes back any valid traceparent unchanged', () => {
    fc.assert(fc.property(traceparent, (value) => TraceContext.fromTraceparent(value).traceparent() === value));
  });

  it('passes the ids through a span started under it: the trace continues, hop after hop', () => {
    const incoming = '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01';
    const record = TraceContext.fromTraceparent(incoming).child('process syntor.tasks.assignment');
    expect(record.traceparent()).toBe(incoming);
    expect(TraceContext.fromTraceparent(incoming).spanContext()).toMatchObject({ isRemote: true, traceFlags: 1 });
  });

  it.each([
    ['missing', undefined],
    ['not hex', '00-4bf92f3577b34da6a3ce929d0e0e473z-00f067aa0ba902b7-01'],
    ['an all-zero trace id', `00-${'0'.repeat(32)}-00f067aa0ba902b7-01`],
    ['an all-zero span id', `00-4bf92f3577b34da6a3ce929d0e0e4736-${'0'.repeat(16)}-01`],
    ['an unknown version', 'ff-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01'],
    ['a short span id', '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902-01'],
  ])('ignores a traceparent that is %s (the context stays the base)', (_what, value) => {
    expect(TraceContext.fromTraceparent(value)).toBe(TraceContext.ROOT);
    expect(TraceContext.fromTraceparent(value).traceparent()).toBeUndefined();
    expect(TraceContext.fromTraceparent(value).child('process').traceparent()).toBeUndefined();
  });
});

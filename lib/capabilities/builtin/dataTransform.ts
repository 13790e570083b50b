import { defineCapability } from '../defineCapability.js';
import { CapabilityFailedError } from '../errors.js';
import { runTransformSteps } from './dataTransformRun.js';
import {
  dataTransformInputSchema,
  dataTransformOutputSchema,
  type DataTransformInput,
  type DataTransformOutput,
} from './dataTransformSchema.js';
import { checkTransformWork } from './dataTransformWork.js';

/**
 * Reshapes a list of JSON records through a pipeline of declarative steps: pick, omit, rename, filter,
 * map, sort and limit, with dotted field paths. Pure data in, data out; no expression is evaluated and
 * no path may reach an object prototype. A run whose estimated work is over
 * `DATA_TRANSFORM_LIMITS.work` is refused before it starts; a running one yields to the event loop as
 * it goes and stops when the attempt's time is up.
 *
 * @example
 * {
 *   records: [{ name: 'Ada', address: { city: 'London' }, age: 36 }, { name: 'Alan', age: 41 }],
 *   steps: [
 *     { type: 'filter', field: 'age', operator: 'gt', value: 40 },
 *     { type: 'rename', fields: { name: 'fullName' } },
 *     { type: 'pick', fields: ['fullName'] },
 *   ],
 * }
 * → { records: [{ fullName: 'Alan' }], count: 1 }
 */
export const dataTransform = defineCapability<DataTransformInput, DataTransformOutput>({
  name: 'data.transform',
  description: 'JSON reshaping of a list of records: pick, omit, rename, filter, map, sort and limit steps on dotted field paths.',
  input: dataTransformInputSchema,
  output: dataTransformOutputSchema,
  async run(input, ctx) {
    checkTransformWork(input.records.length, input.steps);
    try {
      const records = await runTransformSteps(input.records, input.steps, ctx.signal);
      return { records, count: records.length };
    } catch (error) {
      if (!ctx.signal.aborted) throw error;
      throw new CapabilityFailedError('data.transform', `${input.records.length} records: stopped, the attempt's time is up`, { cause: error });
    }
  },
});

import { defineCapability } from '../defineCapability.js';
import { CapabilityInputError } from '../errors.js';
import {
  dataTransformInputSchema,
  dataTransformOutputSchema,
  type DataTransformInput,
  type DataTransformOutput,
} from './dataTransformSchema.js';
import { PathBlockedError } from './recordPath.js';
import { applyStep } from './transformSteps.js';

/**
 * Reshapes a list of JSON records through a pipeline of declarative steps: pick, omit, rename, filter,
 * map, sort and limit, with dotted field paths. Pure data in, data out; no expression is evaluated and
 * no path may reach an object prototype.
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
  async run(input) {
    let records = input.records;
    input.steps.forEach((step, index) => {
      try {
        records = applyStep(records, step);
      } catch (error) {
        if (!(error instanceof PathBlockedError)) throw error;
        const field = 'field' in step ? 'field' : 'fields';
        throw new CapabilityInputError('data.transform', [{ path: `steps.${index}.${field}`, message: `${error.message}, so no field can be set below it` }], {
          cause: error,
        });
      }
    });
    return { records, count: records.length };
  },
});

import { SyntorError } from '../../errors/index.js';
/**
 * Thrown for a schedule expression EventBridge would reject at `PutRule`. Never retriable: the trigger's
 * configuration has to change.
 */
export class ScheduleExpressionInvalidError extends SyntorError {
  override readonly name = 'ScheduleExpressionInvalidError';
  readonly code = 'schedule-expression-invalid';
  override readonly retriable = false;

  constructor(
    /** The expression as given, e.g. `rate(5 minute)`. */
    readonly expression: string,
    /** What is wrong with it. */
    readonly reason: string,
    options?: { cause?: unknown },
  ) {
    super(`invalid schedule expression "${expression}": ${reason}`, options);
  }
}

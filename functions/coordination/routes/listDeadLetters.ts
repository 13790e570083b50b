import { json } from '../../../lib/handlers/index.js';
import { getDeps } from '../../../lib/orchestration/index.js';
import { redactDeadLetter } from '../../../lib/orchestration/redactTask.js';

/** GET /dlq (admin): the stored dead letters. */
export async function listDeadLetters() {
  return json(200, { deadLetters: (await (await getDeps()).deadLetters.list()).map(redactDeadLetter) });
}

import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { httpRoute, json, type DispatchAfterContext } from '../../../lib/handlers/index.js';
import { getDeps, redrive } from '../../../lib/orchestration/index.js';
import { dispatchAfterApi } from './dispatchAfterApi.js';

/** POST /dlq/{id}/redrive (admin): 409 with the reason it cannot be; a redriven task is dispatched after. */
export const redriveDeadLetter = httpRoute(async (event: APIGatewayProxyEventV2, context: DispatchAfterContext) => {
  const outcome = await redrive(await getDeps(), event.pathParameters!.id!, 'api');
  if (!outcome.ok) return json(409, { message: outcome.reason });
  if (outcome.taskId) context.dispatchAfter();
  return json(200, outcome);
}).use(dispatchAfterApi());

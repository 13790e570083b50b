import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { LIMITS } from '../../../lib/contracts/index.js';
import { callerOf, httpRoute, json, jsonRequestBody, parsedBody } from '../../../lib/handlers/index.js';
import { checkTaskTypes, getDeps, submitWorkflow as submit, workflowTypes } from '../../../lib/orchestration/index.js';
import { maySee } from '../../../lib/orchestration/taskAccess.js';
import { checkWorkflow } from '../../../lib/workflows/checkWorkflow.js';

/** A workflow carries several steps' payloads: its body may be four submissions' worth. */
const WORKFLOW_BODY_BYTES = LIMITS.submissionBodyBytes * 4;

/** POST /workflows: 201, or 200 for a repeated idempotency key; 400 naming each bad field, graph problem or step type no registered agent runs. */
export const submitWorkflow = httpRoute(async (event: APIGatewayProxyEventV2) => {
  const check = checkWorkflow(parsedBody(event));
  if (!check.ok) return json(400, { message: 'Invalid workflow', errors: check.errors });
  const deps = await getDeps();
  const unknown = await checkTaskTypes(deps.agents, workflowTypes(check.workflow));
  if (unknown.length > 0) return json(400, { message: 'Invalid workflow', errors: unknown });
  const caller = callerOf(event);
  const { workflow, created } = await submit(deps, check.workflow, 'api', caller.id);
  if (!maySee(caller, workflow)) return json(409, { message: "idempotencyKey is already used by another caller's workflow" });
  return json(created ? 201 : 200, { ...workflow, created });
}).use(jsonRequestBody({ limitBytes: WORKFLOW_BODY_BYTES }));

import { randomUUID } from 'node:crypto';
import type { Context } from 'aws-lambda';

export interface LambdaContextOptions {
  functionName: string;
  memoryMb: number;
  /** When the invocation is cut off (epoch ms). */
  deadline: number;
  region?: string;
  account?: string;
  /** Given by the caller when the request id must be known outside the environment (the REPORT line). */
  awsRequestId?: string;
}

/** A Lambda-like context: the fields a handler reads, with a live `getRemainingTimeInMillis()`. */
export function createLambdaContext(options: LambdaContextOptions): Context {
  const region = options.region ?? 'local';
  const account = options.account ?? '000000000000';
  const awsRequestId = options.awsRequestId ?? randomUUID();
  const deprecated = (name: string) => () => {
    throw new Error(`context.${name}() is not supported: return or throw from an async handler instead`);
  };
  return {
    callbackWaitsForEmptyEventLoop: true,
    functionName: options.functionName,
    functionVersion: '$LATEST',
    invokedFunctionArn: `arn:aws:lambda:${region}:${account}:function:${options.functionName}`,
    memoryLimitInMB: String(options.memoryMb),
    awsRequestId,
    logGroupName: `/aws/lambda/${options.functionName}`,
    logStreamName: `${new Date().toISOString().slice(0, 10).replaceAll('-', '/')}/[$LATEST]${awsRequestId.replaceAll('-', '')}`,
    getRemainingTimeInMillis: () => Math.max(0, options.deadline - Date.now()),
    done: deprecated('done'),
    fail: deprecated('fail'),
    succeed: deprecated('succeed'),
  };
}

import { randomBytes } from 'node:crypto';

/** An id in the shape of API Gateway's `requestId` / `apigw-requestid` (`JKJaXmPLvHcESHA=`). */
export function newRequestId(): string {
  return `${randomBytes(10).toString('base64').slice(0, 14)}=`;
}

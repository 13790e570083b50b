import { ALL_API_SCOPES, API_SCOPES, type ApiCaller } from '../contracts/index.js';

/** The variable naming the IAM principals that are the HTTP API's admins (comma-separated ARNs). */
export const API_ADMIN_PRINCIPALS_ENV = 'SYNTOR_API_ADMIN_PRINCIPALS';

const ASSUMED_ROLE = /^arn:(aws[a-z-]*):sts::(\d{12}):assumed-role\/([^/]+)\/.+$/;
const ROLE = /^arn:(aws[a-z-]*):iam::(\d{12}):role\/(?:.+\/)?([^/]+)$/;

/**
 * The stable identity of a SigV4 caller: a role session is its role (`arn:…:iam::<account>:role/<name>`),
 * whatever the session is called, so a role's tasks stay its own across sessions; a user is its ARN.
 *
 * @example
 * iamPrincipal('arn:aws:sts::123456789012:assumed-role/Deployer/ci-42'); // 'arn:aws:iam::123456789012:role/Deployer'
 */
export function iamPrincipal(userArn: string): string {
  const session = ASSUMED_ROLE.exec(userArn);
  return session ? `arn:${session[1]}:iam::${session[2]}:role/${session[3]}` : userArn;
}

/** Whether `principal` is one of `admins`; a role matches by account and name, with or without its path. */
function isAdmin(principal: string, admins: readonly string[]): boolean {
  const role = ROLE.exec(principal);
  return admins.some((admin) => {
    if (admin === principal) return true;
    const listed = ROLE.exec(admin);
    return role !== null && listed !== null && listed[1] === role[1] && listed[2] === role[2] && listed[3] === role[3];
  });
}

/**
 * An IAM caller: its policy (`execute-api:Invoke` on route ARNs) decides which routes it reaches; in
 * the handlers it may submit and read its own tasks, and sees every task, cancels and redrives only
 * when listed in SYNTOR_API_ADMIN_PRINCIPALS.
 *
 * @example
 * iamCaller('arn:aws:iam::123456789012:user/ops', 'arn:aws:iam::123456789012:user/ops'); // every scope
 */
export function iamCaller(userArn: string, adminList: string | undefined): ApiCaller {
  const id = iamPrincipal(userArn);
  const admins = (adminList ?? '').split(',').map((a) => a.trim()).filter(Boolean);
  return { id, scopes: isAdmin(id, admins) ? ALL_API_SCOPES : [API_SCOPES.submit, API_SCOPES.read] };
}

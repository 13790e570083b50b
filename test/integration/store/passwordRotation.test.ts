import type pg from 'pg';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { createDatabasePassword, DatabaseAuthFailedError } from '../../../lib/aws/index.js';
import { createPool, isPostgresAuthFailure } from '../../../lib/store/index.js';
import { testConfig, uniqueName } from '../support/testConfig.js';

// This PostgreSQL trusts every local login, so it never asks for a password and never answers 28P01.
// What it does refuse, for real, is a role without LOGIN (28000, "role … is not permitted to log in"):
// the "rotation" here grants LOGIN when the secret is read again, and the pool's own retry is what is tested.
// Roles are made as the admin user, as scratchDatabase.ts drops databases.
const SECRET_ARN = 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:syntor-test/postgres-RoTaTe';

describe('a pool whose password was rotated', () => {
  const admin = createPool({ ...testConfig().postgres, user: process.env.SYNTOR_POSTGRES_ADMIN_USER ?? 'postgres', database: 'postgres' });
  const pools: pg.Pool[] = [];
  let role: string;

  /** A pool logging in as `role`, whose secret read makes the server accept the role when `rotate` says so. */
  function poolWithRotatingSecret(rotate: boolean) {
    let reads = 0;
    const password = createDatabasePassword(SECRET_ARN, 'old-password', async () => {
      reads += 1;
      if (rotate) await admin.query(`ALTER ROLE ${role} LOGIN`);
      return 'new-password';
    });
    const pool = createPool({ ...testConfig().postgres, user: role, poolMax: 2 }, { password });
    pools.push(pool);
    return { pool, password, reads: () => reads };
  }

  beforeEach(async () => {
    role = uniqueName('syntor_rotation').replace(/-/g, '_');
    await admin.query(`CREATE ROLE ${role} NOLOGIN`);
  });
  afterAll(async () => {
    await Promise.all(pools.map((pool) => pool.end()));
    const { rows } = await admin.query<{ rolname: string }>("SELECT rolname FROM pg_roles WHERE rolname LIKE 'syntor_rotation_%'");
    for (const { rolname } of rows) await admin.query(`DROP ROLE ${rolname}`);
    await admin.end();
  });

  it('reads the secret again after a refused login and connects on the retry', async () => {
    const { pool, password, reads } = poolWithRotatingSecret(true);

    const { rows } = await pool.query<{ who: string }>('SELECT current_user AS who');

    expect(rows[0]?.who).toBe(role);
    expect(reads()).toBe(1);
    expect(await password.current()).toBe('new-password');
  });

  it('connects checked-out clients the same way (pool.connect, as inTransaction does)', async () => {
    const { pool, reads } = poolWithRotatingSecret(true);

    const client = await pool.connect();
    client.release();

    expect(reads()).toBe(1);
  });

  it('retries once only, then fails naming the secret and not the password', async () => {
    const { pool, reads } = poolWithRotatingSecret(false);

    const error = await pool.query('SELECT 1').catch((e: unknown) => e);

    expect(error).toBeInstanceOf(DatabaseAuthFailedError);
    expect(error).toMatchObject({ code: 'database-auth-failed', secretArn: SECRET_ARN, retriable: true });
    expect(isPostgresAuthFailure(((error as Error).cause as Error).cause)).toBe(true);
    expect((error as Error).message).not.toMatch(/old-password|new-password/);
    expect(reads()).toBe(1);
  });

  it('does not touch the secret for a failure a new password cannot fix', async () => {
    let reads = 0;
    const password = createDatabasePassword(SECRET_ARN, 'old-password', async () => {
      reads += 1;
      return 'new-password';
    });
    const pool = createPool({ ...testConfig().postgres, database: uniqueName('no_such_database') }, { password });
    pools.push(pool);

    const error = await pool.query('SELECT 1').catch((e: unknown) => e);

    expect(error).toMatchObject({ code: '3D000' });
    expect(reads).toBe(0);
  });
});

import { setTimeout as sleep } from 'node:timers/promises';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dependencyOutage } from '../../../lib/errors/dependencyOutage.js';
import { createPool, inTransaction, migrate, pgClientConfig } from '../../../lib/store/index.js';
import { testConfig } from '../support/testConfig.js';
import { deadPort, failOnUncaught, until } from './support.js';

const config = testConfig();
let admin: pg.Client;
failOnUncaught();

beforeAll(async () => {
  admin = new pg.Client(pgClientConfig(config.postgres));
  await admin.connect();
});
afterAll(() => admin.end());

/** What a server restart (`pg_ctl restart -m fast`) does to one backend: 57P01, then the socket closes. */
const terminate = async (pid: number) => {
  await admin.query('SELECT pg_terminate_backend($1)', [pid]);
};
const backendPid = async (client: Pick<pg.ClientBase, 'query'> | pg.Pool) => (await client.query<{ pid: number }>('SELECT pg_backend_pid() AS pid')).rows[0]!.pid;

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => {
      throw new Error('expected a rejection');
    },
    (error: unknown) => error,
  );
}

describe('PostgreSQL: a backend lost during a transaction', () => {
  it.each([
    [
      'while the transaction waits on something else (dispatch waiting on Redis)',
      async (client: pg.PoolClient, pid: number) => {
        await terminate(pid);
        await sleep(300);
        await client.query('SELECT 1');
      },
    ],
    [
      'while a statement runs',
      async (client: pg.PoolClient, pid: number) => {
        const running = client.query('SELECT pg_sleep(10)');
        // The victim's rejection can arrive before pg_terminate_backend answers the admin: handled
        // from the start, it is not an unhandled rejection while `terminate` is awaited.
        running.catch(() => undefined);
        await sleep(200);
        await terminate(pid);
        await running;
      },
    ],
    [
      'just before COMMIT',
      async (_client: pg.PoolClient, pid: number) => {
        await terminate(pid);
        await sleep(300);
      },
    ],
  ])('%s: the call rejects as a postgres outage, the process lives, the pool works on', async (_, lose) => {
    // Prepare
    const pool = createPool({ ...config.postgres, poolMax: 2 });
    let lostPid = 0;

    // Act
    const error = await rejection(
      inTransaction(pool, async (client) => {
        lostPid = await backendPid(client);
        await lose(client, lostPid);
      }),
    );
    const next = await pool.connect();
    const nextPid = await backendPid(next);
    next.release();

    // Assess
    expect(dependencyOutage(error)).toBe('postgres');
    expect(nextPid).not.toBe(lostPid); // the broken client was discarded, not handed out again
    expect(pool.totalCount).toBe(1);
    await pool.end();
  });

  it('rolls back and keeps the client when the work itself fails', async () => {
    // Prepare
    const pool = createPool({ ...config.postgres, poolMax: 1 });
    const bug = new Error('not an outage');
    let pid = 0;

    // Act
    const error = await rejection(
      inTransaction(pool, async (client) => {
        pid = await backendPid(client);
        throw bug;
      }),
    );

    // Assess
    expect(error).toBe(bug);
    expect(dependencyOutage(error)).toBeUndefined();
    expect(await backendPid(pool)).toBe(pid);
    await pool.end();
  });
});

describe('PostgreSQL: an idle pooled client lost', () => {
  it('is dropped by the pool (logged, not thrown), and the next query connects anew', async () => {
    // Prepare
    const pool = createPool({ ...config.postgres, poolMax: 1 });
    const errors: Error[] = [];
    pool.on('error', (error) => errors.push(error));
    const pid = await backendPid(pool);

    // Act
    await terminate(pid);
    await until('the pool to see the idle client go', () => errors.length > 0 && pool.totalCount === 0);
    const nextPid = await backendPid(pool);

    // Assess
    expect(dependencyOutage(errors[0])).toBe('postgres');
    expect(nextPid).not.toBe(pid);
    await pool.end();
  });
});

describe('PostgreSQL: nothing listening', () => {
  it('fails queries, transactions and migrations fast as a postgres outage', async () => {
    // Prepare
    const connection = { ...config.postgres, port: await deadPort() };
    const pool = createPool(connection);
    const started = Date.now();

    // Act
    const [query, transaction, migration] = await Promise.all([
      rejection(pool.query('SELECT 1')),
      rejection(inTransaction(pool, (client) => client.query('SELECT 1'))),
      rejection(migrate(connection)),
    ]);

    // Assess
    expect(dependencyOutage(query)).toBe('postgres');
    expect(dependencyOutage(transaction)).toBe('postgres');
    expect(dependencyOutage(migration)).toBe('postgres');
    expect(Date.now() - started).toBeLessThan(5_000);
    await pool.end();
  });
});

import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../../lib/config/index.js';
import { parsePostgresPort } from '../../../local/services/postgresClusters.js';
import { classifyPostgresError } from '../../../local/services/postgresProbe.js';
import {
  adminUser,
  createDatabaseStatement,
  createRoleStatement,
  manualProvisioningHint,
} from '../../../local/services/postgresProvision.js';

const pgError = (code: string, message: string) => Object.assign(new Error(message), { code });

describe('classifyPostgresError', () => {
  it.each([
    ['missing-role', pgError('28000', 'role "syntor" does not exist')],
    ['missing-database', pgError('3D000', 'database "syntor" does not exist')],
    ['auth-failed', pgError('28P01', 'password authentication failed for user "syntor"')],
    ['down', pgError('ECONNREFUSED', 'connect ECONNREFUSED 127.0.0.1:5432')],
    ['down', pgError('57P03', 'the database system is starting up')],
    ['down', new Error('Connection terminated due to connection timeout')],
    ['other', pgError('28000', 'no pg_hba.conf entry for host "10.0.0.9"')],
  ])('classifies as %s: %s', (expected, error) => {
    expect(classifyPostgresError(error)).toBe(expected);
  });
});

describe('provisioning statements', () => {
  it('creates a login role with the configured password', () => {
    expect(createRoleStatement('syntor', 'syntor')).toBe(`CREATE ROLE "syntor" LOGIN PASSWORD 'syntor'`);
  });

  it('creates a database owned by the role', () => {
    expect(createDatabaseStatement('syntor_test', 'syntor')).toBe('CREATE DATABASE "syntor_test" OWNER "syntor"');
    expect(createDatabaseStatement('syntor_test')).toBe('CREATE DATABASE "syntor_test"');
  });

  it('quotes hostile names and passwords instead of concatenating them', () => {
    expect(createRoleStatement('a"; DROP ROLE postgres; --', "it's")).toBe(
      `CREATE ROLE "a""; DROP ROLE postgres; --" LOGIN PASSWORD 'it''s'`,
    );
    expect(createDatabaseStatement('x" OWNER "postgres', 'o"o')).toBe('CREATE DATABASE "x"" OWNER ""postgres" OWNER "o""o"');
  });

  it('tells a person the SQL to run when it could not be run for them', () => {
    const hint = manualProvisioningHint(loadConfig({ SYNTOR_POSTGRES_PORT: '5433' }).postgres);

    expect(hint).toContain('sudo -u postgres psql -p 5433 -c');
    expect(hint).toContain(`CREATE ROLE \\"syntor\\" LOGIN PASSWORD 'syntor'`);
    expect(hint).toContain('SYNTOR_POSTGRES_ADMIN_USER');
  });

  it('uses SYNTOR_POSTGRES_ADMIN_USER, postgres by default', () => {
    expect(adminUser({})).toBe('postgres');
    expect(adminUser({ SYNTOR_POSTGRES_ADMIN_USER: 'admin' })).toBe('admin');
  });
});

describe('parsePostgresPort', () => {
  it.each([
    ['port = 5433\t\t\t\t# (change requires restart)', 5433],
    ["port='5434'", 5434],
    ['#port = 5999\nlisten_addresses = localhost', 5432],
    ['port = 5433\nport = 5435', 5435],
  ])('reads %j as %i', (conf, port) => {
    expect(parsePostgresPort(conf)).toBe(port);
  });
});

import { existsSync, readdirSync, statSync } from 'node:fs';
import { describe, it, expect } from 'vitest';
import { parse } from 'yaml';
import {
  dependsOn,
  environment,
  extraHosts,
  healthcheckCommand,
  hostPorts,
  imageDigest,
  imageTag,
  loadCompose,
  mounts,
  portMappings,
  readRepoFile,
  repoPath,
  service,
} from './composeFiles.js';

const compose = loadCompose();

const SERVICES = ['kafka', 'kafka-ui', 'redis', 'postgres', 'prometheus', 'grafana', 'jaeger'];

/** Every published host port, per service, and where it goes inside the container. */
const PORTS: { service: string; host: number; container: number }[] = [
  { service: 'kafka', host: 9092, container: 9092 },
  { service: 'kafka-ui', host: 8090, container: 8080 },
  { service: 'redis', host: 6379, container: 6379 },
  { service: 'postgres', host: 5432, container: 5432 },
  { service: 'prometheus', host: 9091, container: 9090 },
  { service: 'grafana', host: 3000, container: 3000 },
  { service: 'jaeger', host: 16686, container: 16686 },
  { service: 'jaeger', host: 4317, container: 4317 },
  { service: 'jaeger', host: 4318, container: 4318 },
];

const bindMounts = Object.entries(compose.services).flatMap(([name, svc]) =>
  mounts(svc)
    .filter((m) => m.kind === 'bind')
    .map((m) => ({ service: name, source: m.source, target: m.target, readOnly: m.readOnly })),
);

describe('docker-compose.yml', () => {
  it('parses with the yaml package and has a header saying how to start it', () => {
    const text = readRepoFile('docker-compose.yml');
    expect(() => parse(text) as unknown).not.toThrow();
    expect(text.split('\n').slice(0, 10).join('\n')).toContain('docker compose up -d');
  });

  it('defines the seven services', () => {
    expect(Object.keys(compose.services).sort()).toEqual([...SERVICES].sort());
  });

  describe('host ports', () => {
    it.each(PORTS)('$service publishes host port $host (container $container)', ({ service: name, host, container }) => {
      expect(portMappings(service(compose, name))).toContainEqual({ host, container });
    });

    it.each(SERVICES)('%s publishes exactly the expected host ports', (name) => {
      const expected = PORTS.filter((p) => p.service === name).map((p) => p.host);
      expect(hostPorts(service(compose, name)).sort((a, b) => a - b)).toEqual(expected.sort((a, b) => a - b));
    });

    it('never publishes the same host port twice', () => {
      const all = Object.values(compose.services).flatMap(hostPorts);
      expect(new Set(all).size).toBe(all.length);
    });
  });

  describe('kafka (KRaft)', () => {
    const kafka = service(compose, 'kafka');
    const env = environment(kafka);

    it('uses the official apache/kafka 4.1.1 image', () => {
      expect(kafka.image).toBe('apache/kafka:4.1.1');
    });

    it('is a single combined broker + controller in KRaft mode', () => {
      expect(env.KAFKA_PROCESS_ROLES?.split(',').map((r) => r.trim()).sort()).toEqual(['broker', 'controller']);
      expect(env.KAFKA_NODE_ID).toBe('1');
      expect(env.KAFKA_CONTROLLER_QUORUM_VOTERS).toMatch(/^1@[\w.-]+:\d+$/);
      expect(env.KAFKA_CONTROLLER_LISTENER_NAMES).toBeTruthy();
      expect(env.CLUSTER_ID).toMatch(/^[A-Za-z0-9_-]{22}$/);
    });

    it('has no ZooKeeper anywhere', () => {
      expect(Object.keys(compose.services).filter((n) => /zookeeper/i.test(n))).toEqual([]);
      for (const [name, svc] of Object.entries(compose.services)) {
        const zkVars = Object.keys(environment(svc)).filter((k) => /zookeeper/i.test(k));
        expect(zkVars, `${name} has ZooKeeper settings`).toEqual([]);
        expect(svc.image ?? '', `${name} image`).not.toMatch(/zookeeper/i);
      }
    });

    it('advertises localhost:9092 to the host and an internal listener to other containers', () => {
      const advertised = (env.KAFKA_ADVERTISED_LISTENERS ?? '').split(',');
      expect(advertised).toContain('PLAINTEXT://localhost:9092');
      expect(advertised.some((l) => /:\/\/kafka:29092$/.test(l))).toBe(true);
      const listeners = env.KAFKA_LISTENERS ?? '';
      expect(listeners).toMatch(/PLAINTEXT:\/\/[^,]*:9092/);
      expect(listeners).toMatch(/:\/\/[^,]*:29092/);
    });

    it('maps every listener name to a security protocol and uses a declared inter-broker listener', () => {
      const protocolMap = Object.fromEntries(
        (env.KAFKA_LISTENER_SECURITY_PROTOCOL_MAP ?? '').split(',').map((pair) => pair.split(':')),
      ) as Record<string, string>;
      const names = (env.KAFKA_LISTENERS ?? '').split(',').map((l) => l.split('://')[0] ?? '');
      expect(names.length).toBeGreaterThanOrEqual(3);
      for (const name of names) expect(protocolMap[name], `listener ${name}`).toBe('PLAINTEXT');
      expect(names).toContain(env.KAFKA_INTER_BROKER_LISTENER_NAME);
      expect(names).toContain(env.KAFKA_CONTROLLER_LISTENER_NAMES);
    });

    it('does not auto-create topics and keeps internal topics at replication factor 1', () => {
      expect(env.KAFKA_AUTO_CREATE_TOPICS_ENABLE).toBe('false');
      expect(env.KAFKA_OFFSETS_TOPIC_REPLICATION_FACTOR).toBe('1');
      expect(env.KAFKA_TRANSACTION_STATE_LOG_REPLICATION_FACTOR).toBe('1');
      expect(env.KAFKA_TRANSACTION_STATE_LOG_MIN_ISR).toBe('1');
      const factors = Object.entries(env).filter(([k]) => k.endsWith('_REPLICATION_FACTOR'));
      for (const [key, value] of factors) expect(value, key).toBe('1');
    });

    it('has a broker healthcheck and keeps its log dirs on a named volume', () => {
      expect(healthcheckCommand(kafka)).toContain('kafka-broker-api-versions.sh');
      expect(healthcheckCommand(kafka)).toContain('localhost:9092');
      const data = mounts(kafka).find((m) => m.target === env.KAFKA_LOG_DIRS);
      expect(data?.kind).toBe('volume');
    });
  });

  it('points kafka-ui at the internal listener and waits for a healthy broker', () => {
    const ui = service(compose, 'kafka-ui');
    const bootstrap = environment(ui).KAFKA_CLUSTERS_0_BOOTSTRAPSERVERS ?? '';
    const advertised = environment(service(compose, 'kafka')).KAFKA_ADVERTISED_LISTENERS ?? '';
    expect(bootstrap).toBe('kafka:29092');
    expect(advertised).toContain(`://${bootstrap}`);
    expect(dependsOn(ui)).toMatchObject({ kafka: 'service_healthy' });
  });

  it('runs redis with a healthcheck', () => {
    const redis = service(compose, 'redis');
    expect(redis.image).toBe('redis:7-alpine');
    expect(healthcheckCommand(redis)).toContain('redis-cli');
  });

  it('runs postgres with the app defaults, pg_isready and a named volume', () => {
    const pg = service(compose, 'postgres');
    expect(pg.image).toBe('postgres:16-alpine');
    expect(environment(pg)).toMatchObject({
      POSTGRES_USER: 'syntor',
      POSTGRES_PASSWORD: 'syntor',
      POSTGRES_DB: 'syntor',
    });
    expect(healthcheckCommand(pg)).toContain('pg_isready');
    expect(mounts(pg).some((m) => m.kind === 'volume' && m.target === '/var/lib/postgresql/data')).toBe(true);
  });

  it('lets prometheus reach the harness on the host and mounts its config read-only', () => {
    const prom = service(compose, 'prometheus');
    expect(extraHosts(prom)).toContain('host.docker.internal:host-gateway');
    const binds = mounts(prom).filter((m) => m.kind === 'bind');
    expect(binds).toContainEqual({
      kind: 'bind',
      source: './configs/prometheus/prometheus.yml',
      target: '/etc/prometheus/prometheus.yml',
      readOnly: true,
    });
    expect(
      binds.some(
        (m) => m.source.replace(/\/$/, '') === './configs/prometheus/rules' &&
          m.target.replace(/\/$/, '') === '/etc/prometheus/rules' && m.readOnly,
      ),
    ).toBe(true);
  });

  it('sets the grafana admin credentials to admin / syntor_admin and mounts provisioning read-only', () => {
    const grafana = service(compose, 'grafana');
    expect(environment(grafana)).toMatchObject({
      GF_SECURITY_ADMIN_USER: 'admin',
      GF_SECURITY_ADMIN_PASSWORD: 'syntor_admin',
    });
    const binds = mounts(grafana).filter((m) => m.kind === 'bind');
    expect(binds).toContainEqual({
      kind: 'bind',
      source: './configs/grafana/provisioning',
      target: '/etc/grafana/provisioning',
      readOnly: true,
    });
    expect(binds).toContainEqual({
      kind: 'bind',
      source: './configs/grafana/dashboards',
      target: '/var/lib/grafana/dashboards',
      readOnly: true,
    });
  });

  describe('bind mounts', () => {
    it('includes the prometheus and grafana configs', () => {
      expect(bindMounts.map((m) => m.source.replace(/\/$/, '')).sort()).toEqual(
        expect.arrayContaining([
          './configs/grafana/dashboards',
          './configs/grafana/provisioning',
          './configs/prometheus/prometheus.yml',
          './configs/prometheus/rules',
        ]),
      );
    });

    it.each(bindMounts)('$service: $source exists in the repo', ({ source }) => {
      expect(source.startsWith('./'), `${source} should be relative to the repo (./...)`).toBe(true);
      expect(existsSync(repoPath(source)), `${source} is missing`).toBe(true);
    });

    it.each(bindMounts.filter((m) => m.source.endsWith('/') || !/\.\w+$/.test(m.source)))(
      '$service: $source is a non-empty directory',
      ({ source }) => {
        expect(statSync(repoPath(source)).isDirectory()).toBe(true);
        expect(readdirSync(repoPath(source)).length).toBeGreaterThan(0);
      },
    );
  });

  it('declares every named volume it uses', () => {
    const declared = Object.keys(compose.volumes ?? {});
    const used = Object.values(compose.services).flatMap((svc) =>
      mounts(svc).filter((m) => m.kind === 'volume' && m.source !== '').map((m) => m.source),
    );
    expect(used.length).toBeGreaterThan(0);
    for (const name of used) expect(declared, `volume ${name}`).toContain(name);
  });

  it.each(SERVICES)('%s uses a pinned image (a tag other than latest, or a digest)', (name) => {
    const image = service(compose, name).image;
    expect(image, `${name} has no image`).toBeTruthy();
    const tag = imageTag(image ?? '');
    const digest = imageDigest(image ?? '');
    expect(tag !== undefined || digest !== undefined, `${image} has no tag`).toBe(true);
    expect(tag, `${image}`).not.toBe('latest');
  });

  it('exposes OTLP gRPC and HTTP on jaeger', () => {
    const jaeger = service(compose, 'jaeger');
    const containerPorts = portMappings(jaeger).map((p) => p.container);
    expect(containerPorts).toEqual(expect.arrayContaining([16686, 4317, 4318]));
  });
});

/**
 * Helpers for the docker-compose / observability config tests: locate the repo, load the files,
 * and normalise the parts of the Compose format that have several spellings (ports, environment,
 * volumes, depends_on).
 */
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';

/** Repository root: this file is test/unit/compose/composeFiles.ts. */
export const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));

export function repoPath(relative: string): string {
  return resolve(repoRoot, relative);
}

export function readRepoFile(relative: string): string {
  const path = repoPath(relative);
  if (!existsSync(path)) throw new Error(`missing file: ${relative}`);
  return readFileSync(path, 'utf8');
}

export function loadYaml(relative: string): unknown {
  return parse(readRepoFile(relative)) as unknown;
}

export function loadJson(relative: string): unknown {
  return JSON.parse(readRepoFile(relative)) as unknown;
}

export type Scalar = string | number | boolean | null;

export interface PortLong {
  target: number | string;
  published?: number | string;
  host_ip?: string;
  protocol?: string;
}

export interface VolumeLong {
  type?: string;
  source?: string;
  target: string;
  read_only?: boolean;
}

export interface ComposeService {
  image?: string;
  build?: unknown;
  ports?: (string | number | PortLong)[];
  environment?: Record<string, Scalar> | string[];
  volumes?: (string | VolumeLong)[];
  depends_on?: string[] | Record<string, { condition?: string }>;
  extra_hosts?: string[] | Record<string, string>;
  healthcheck?: { test?: string | string[]; disable?: boolean };
  command?: string | string[];
}

export interface ComposeFile {
  name?: string;
  services: Record<string, ComposeService>;
  volumes?: Record<string, unknown> | null;
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function loadCompose(): ComposeFile {
  const doc = loadYaml('docker-compose.yml');
  if (!isRecord(doc) || !isRecord(doc.services)) {
    throw new Error('docker-compose.yml: expected a mapping with a `services` mapping');
  }
  return doc as unknown as ComposeFile;
}

export function service(compose: ComposeFile, name: string): ComposeService {
  const svc = compose.services[name];
  if (!svc) throw new Error(`docker-compose.yml: no service "${name}"`);
  return svc;
}

export interface PortMapping {
  host: number | undefined;
  container: number;
}

/** Short syntax: "[ip:][host[-range]:]container[/protocol]"; long syntax: { target, published }. */
export function portMappings(svc: ComposeService): PortMapping[] {
  return (svc.ports ?? []).map((port) => {
    if (typeof port === 'object') {
      return {
        host: port.published === undefined ? undefined : Number(port.published),
        container: Number(port.target),
      };
    }
    const spec = String(port).split('/')[0] ?? '';
    const parts = spec.split(':');
    const container = Number(parts[parts.length - 1]);
    const host = parts.length >= 2 ? Number(parts[parts.length - 2]) : undefined;
    return { host, container };
  });
}

export function hostPorts(svc: ComposeService): number[] {
  return portMappings(svc)
    .map((p) => p.host)
    .filter((p): p is number => p !== undefined);
}

/** Environment as a map, from either the mapping or the list ("KEY=value") form. */
export function environment(svc: ComposeService): Record<string, string> {
  const env = svc.environment;
  if (env === undefined) return {};
  if (Array.isArray(env)) {
    return Object.fromEntries(
      env.map((entry) => {
        const eq = entry.indexOf('=');
        return eq < 0 ? [entry, ''] : [entry.slice(0, eq), entry.slice(eq + 1)];
      }),
    );
  }
  return Object.fromEntries(Object.entries(env).map(([k, v]) => [k, v === null ? '' : String(v)]));
}

export interface Mount {
  kind: 'bind' | 'volume';
  source: string;
  target: string;
  readOnly: boolean;
}

function isHostPath(source: string): boolean {
  return source.startsWith('.') || source.startsWith('/') || source.startsWith('~');
}

export function mounts(svc: ComposeService): Mount[] {
  return (svc.volumes ?? []).map((volume): Mount => {
    if (typeof volume === 'object') {
      const source = volume.source ?? '';
      return {
        kind: volume.type === 'bind' || isHostPath(source) ? 'bind' : 'volume',
        source,
        target: volume.target,
        readOnly: volume.read_only === true,
      };
    }
    const [source = '', target = '', mode = ''] = volume.split(':');
    return {
      kind: isHostPath(source) ? 'bind' : 'volume',
      source,
      target,
      readOnly: mode.split(',').includes('ro'),
    };
  });
}

export function dependsOn(svc: ComposeService): Record<string, string> {
  const deps = svc.depends_on;
  if (deps === undefined) return {};
  if (Array.isArray(deps)) return Object.fromEntries(deps.map((d) => [d, 'service_started']));
  return Object.fromEntries(
    Object.entries(deps).map(([name, spec]) => [name, spec.condition ?? 'service_started']),
  );
}

export function extraHosts(svc: ComposeService): string[] {
  const hosts = svc.extra_hosts;
  if (hosts === undefined) return [];
  if (Array.isArray(hosts)) return hosts.map((h) => h.replace('=', ':'));
  return Object.entries(hosts).map(([name, address]) => `${name}:${address}`);
}

export function healthcheckCommand(svc: ComposeService): string {
  const test = svc.healthcheck?.test;
  if (test === undefined) return '';
  return Array.isArray(test) ? test.join(' ') : test;
}

/** Tag of an image reference ("repo/name:tag@digest"), or undefined if it has none. */
export function imageTag(image: string): string | undefined {
  const withoutDigest = image.split('@')[0] ?? '';
  const lastSlash = withoutDigest.lastIndexOf('/');
  const lastColon = withoutDigest.lastIndexOf(':');
  return lastColon > lastSlash ? withoutDigest.slice(lastColon + 1) : undefined;
}

export function imageDigest(image: string): string | undefined {
  const at = image.indexOf('@');
  return at < 0 ? undefined : image.slice(at + 1);
}

/** Metric names the runtime exports and the alerts/dashboard rely on. */
export const SYNTOR_METRICS = [
  'syntor_dlq_records_total',
  'syntor_tasks_by_status',
  'syntor_tasks_failed_total',
  'syntor_agent_circuit_state',
  'syntor_handler_errors_total',
  'syntor_handler_invocations_total',
  'syntor_consumer_lag',
] as const;

/** A cheap PromQL sanity check that needs no Prometheus: brackets, braces and quotes balance. */
export function bracketsBalanced(expr: string): boolean {
  const closing: Record<string, string> = { ')': '(', ']': '[', '}': '{' };
  const stack: string[] = [];
  let quote: string | undefined;
  for (let i = 0; i < expr.length; i++) {
    const ch = expr.charAt(i);
    if (quote !== undefined) {
      if (ch === '\\') i++;
      else if (ch === quote) quote = undefined;
      continue;
    }
    if (ch === '"' || ch === "'" || ch === '`') quote = ch;
    else if (ch === '(' || ch === '[' || ch === '{') stack.push(ch);
    else if (ch in closing) {
      if (stack.pop() !== closing[ch]) return false;
    }
  }
  return stack.length === 0 && quote === undefined;
}

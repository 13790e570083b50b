import type { Registry } from 'prom-client';

// A global, not a module variable: a bundled handler carries its own copy of this module, and the
// harness's execution environment must find the registry of whichever copy the handler loaded.
const KEY = Symbol.for('syntor.metricsRegistries');

/** Makes a registry visible to the harness's execution environment, which collects it for `/metrics`. */
export function publishRegistry(registry: Registry): void {
  const holder = globalThis as { [KEY]?: Registry[] };
  (holder[KEY] ??= []).push(registry);
}

/** The registries published in this thread. */
export function publishedRegistries(): readonly Registry[] {
  return (globalThis as { [KEY]?: Registry[] })[KEY] ?? [];
}

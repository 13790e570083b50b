/**
 * Whether listening on `host` keeps a server on this machine: 127.0.0.0/8, `localhost`, `::1`.
 *
 * @example
 * isLoopbackHost('127.0.0.1'); // true
 * isLoopbackHost('0.0.0.0'); // false: every interface
 */
export function isLoopbackHost(host: string): boolean {
  const name = host.trim().toLowerCase().replace(/^\[(.*)\]$/, '$1');
  return name === 'localhost' || name === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(name) || /^::ffff:127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(name);
}

/** Splits `host:port` (IPv4 or a name; the config schema rejects bare IPv6). */
export function parseHostPort(address: string): { host: string; port: number } {
  const at = address.lastIndexOf(':');
  const port = Number(address.slice(at + 1));
  if (at <= 0 || !Number.isInteger(port) || port < 1 || port > 65535) {
    throw new TypeError(`Expected host:port, got "${address}"`);
  }
  return { host: address.slice(0, at), port };
}

/** True for addresses of this machine, where starting a server ourselves makes sense. */
export function isLocalHost(host: string): boolean {
  return host === 'localhost' || host === '::1' || host === '[::1]' || /^127(\.\d{1,3}){3}$/.test(host);
}

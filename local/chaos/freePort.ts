import { createServer } from 'node:net';

/**
 * A TCP port nothing listens on at 127.0.0.1 right now, from the kernel's ephemeral range. The suite
 * picks all of its ports this way so it never touches the shared services on 5432, 6379 and 9092.
 */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** `count` distinct free ports. */
export async function freePorts(count: number): Promise<number[]> {
  const ports = new Set<number>();
  while (ports.size < count) ports.add(await freePort());
  return [...ports];
}

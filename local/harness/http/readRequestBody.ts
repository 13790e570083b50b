import type { IncomingMessage } from 'node:http';

/**
 * Reads the whole request body, or reports that it is over `maxBytes`. An oversized body is still read to
 * its end (and dropped) so the client gets the 413 instead of a reset connection. Rejects when the client
 * goes away before the body is complete.
 */
export function readRequestBody(request: IncomingMessage, maxBytes: number): Promise<{ body: Buffer } | { tooLarge: true }> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let received = 0;
    let tooLarge = Number(request.headers['content-length'] ?? 0) > maxBytes;
    request.on('data', (chunk: Buffer) => {
      received += chunk.length;
      if (received > maxBytes) tooLarge = true;
      if (!tooLarge) chunks.push(chunk);
    });
    request.on('end', () => resolve(tooLarge ? { tooLarge: true } : { body: Buffer.concat(chunks) }));
    request.on('error', reject);
    request.on('close', () => {
      if (!request.complete) reject(new Error('the client closed the connection before the body was complete'));
    });
  });
}

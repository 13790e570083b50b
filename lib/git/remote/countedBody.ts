import type { IncomingMessage } from 'node:http';

/**
 * The response body as isomorphic-git reads it, each chunk passed to `count` before it is handed on:
 * a `count` that throws (a cap reached) ends the download there, closing the connection. `done` runs
 * however the reading ends.
 */
export async function* countedBody(response: IncomingMessage, count: (bytes: number) => void, done: () => void): AsyncGenerator<Uint8Array, void, undefined> {
  try {
    for await (const chunk of response as AsyncIterable<Uint8Array>) {
      count(chunk.byteLength);
      yield chunk;
    }
  } catch (error) {
    response.destroy();
    throw error;
  } finally {
    done();
  }
}

import type { IncomingMessage } from 'node:http';

/**
 * The response body as isomorphic-git reads it, each chunk passed to `inspect` before it is handed on:
 * an `inspect` that throws (a cap reached, a pack refused) ends the download there, closing the
 * connection, so isomorphic-git never sees that chunk. `done` runs however the reading ends.
 */
export async function* countedBody(response: IncomingMessage, inspect: (chunk: Uint8Array) => void, done: () => void): AsyncGenerator<Uint8Array, void, undefined> {
  try {
    for await (const chunk of response as AsyncIterable<Uint8Array>) {
      inspect(chunk);
      yield chunk;
    }
  } catch (error) {
    response.destroy();
    throw error;
  } finally {
    done();
  }
}

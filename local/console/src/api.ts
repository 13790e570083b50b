/** The same JSON API the CLI and curl use; the console has no backend of its own. */
const TOKEN_KEY = 'syntor.apiToken';

export class ApiError extends Error {
  constructor(readonly status: number, readonly body: unknown) {
    const { message, errors } = (body ?? {}) as { message?: string; errors?: { field: string; message: string }[] };
    super(`${status}: ${message ?? JSON.stringify(body)}${errors ? `\n${errors.map((e) => `${e.field}: ${e.message}`).join('\n')}` : ''}`);
  }
}

export async function api<T>(method: 'GET' | 'POST', path: string, body?: unknown): Promise<T> {
  const token = sessionStorage.getItem(TOKEN_KEY);
  const response = await fetch(path, {
    method,
    headers: { accept: 'application/json', ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...(token ? { authorization: `Bearer ${token}` } : {}) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await response.text();
  const parsed: unknown = text ? JSON.parse(text) : undefined;
  if (response.status === 401) {
    // SYNTOR_API_TOKEN is set: ask once per tab, then retry.
    const given = prompt('This API needs its token (SYNTOR_API_TOKEN):');
    if (given) {
      sessionStorage.setItem(TOKEN_KEY, given);
      return api(method, path, body);
    }
  }
  if (!response.ok) throw new ApiError(response.status, parsed);
  return parsed as T;
}

/**
 * Splits a request target into the raw path and raw query string, both still percent-encoded. An
 * absolute-form target (`http://host/path?q`, as proxies send) is reduced to its path.
 */
export function splitRequestTarget(target: string): { rawPath: string; rawQueryString: string } {
  let pathAndQuery = target;
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(target)) {
    try {
      const url = new URL(target);
      pathAndQuery = `${url.pathname}${url.search}`;
    } catch {
      pathAndQuery = '/';
    }
  }
  const question = pathAndQuery.indexOf('?');
  const rawPath = question === -1 ? pathAndQuery : pathAndQuery.slice(0, question);
  return { rawPath, rawQueryString: question === -1 ? '' : pathAndQuery.slice(question + 1) };
}

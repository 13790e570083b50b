import { describe, expect, it } from 'vitest';
import { checkBodyContentType } from '../../../../local/harness/http/contentTypePolicy.js';

const JSON_ONLY = ['application/json'];

describe('checkBodyContentType', () => {
  it.each([['application/json'], ['application/json; charset=utf-8'], ['Application/JSON']])('accepts a %s body', (contentType) => {
    expect(checkBodyContentType(contentType, 2, JSON_ONLY)).toBeUndefined();
  });

  it('accepts a request without a body whatever it declares (POST /tasks/{id}/cancel)', () => {
    expect(checkBodyContentType(undefined, 0, JSON_ONLY)).toBeUndefined();
  });

  it.each([
    ['text/plain;charset=UTF-8', 'content type "text/plain;charset=UTF-8"'],
    ['application/x-www-form-urlencoded', 'content type "application/x-www-form-urlencoded"'],
    ['multipart/form-data; boundary=x', 'content type "multipart/form-data; boundary=x"'],
    [undefined, 'no content type'],
  ])('refuses a %s body with a 415 naming what was sent and what is wanted', (contentType, sent) => {
    const refusal = checkBodyContentType(contentType, 2, JSON_ONLY);

    expect(refusal).toMatchObject({ statusCode: 415, code: 'unsupported-media-type' });
    expect(refusal?.message).toBe(`A request body of ${sent} is not accepted; send "application/json".`);
  });
});

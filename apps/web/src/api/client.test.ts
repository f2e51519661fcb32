import { describe, expect, it } from 'vitest';
import { buildUrl, errorFromResponse } from './client';

describe('errorFromResponse', () => {
  it("keeps the server's code, message, request id and details", () => {
    const error = errorFromResponse(
      422,
      JSON.stringify({
        code: 'REGISTRY_BAD_HEADER',
        message: 'Missing column credit_code',
        requestId: 'req_1',
        details: { column: 'credit_code' },
      }),
      null,
    );
    expect(error.code).toBe('REGISTRY_BAD_HEADER');
    expect(error.message).toBe('Missing column credit_code');
    expect(error.status).toBe(422);
    expect(error.requestId).toBe('req_1');
    expect(error.details).toEqual({ column: 'credit_code' });
  });

  it('turns a body that is not the documented JSON into a sentence too', () => {
    const error = errorFromResponse(502, '<html>Bad Gateway</html>', 'req_2');
    expect(error.code).toBe('HTTP_502');
    expect(error.message).toMatch(/502/);
    expect(error.requestId).toBe('req_2');
  });
});

describe('buildUrl', () => {
  it('prefixes the API base and drops empty query values', () => {
    expect(buildUrl('/registry/enterprises', { q: '', limit: 20, offset: 0 })).toBe(
      '/api/v1/registry/enterprises?limit=20&offset=0',
    );
    expect(buildUrl('/auth/me')).toBe('/api/v1/auth/me');
  });
});

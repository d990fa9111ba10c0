/**
 * The endpoint table feeds the emulator: every endpoint of `src/api/endpoints.ts` must be served, or be listed in
 * NOT_EMULATED with a reason. A new row in the table fails this test until the emulator handles it.
 */
import { describe, expect, it } from 'vitest';
import { endpoints, type EndpointSpec } from '../../../../src/api/endpoints.js';
import { issueOAuthCode } from '../../../../src/emulator/platform/oauth.js';
import { NOT_EMULATED, PLATFORM_HANDLERS } from '../../../../src/emulator/platform/handlers.js';
import { APPID, createPlatform, SECRET } from './helpers.js';

const specs = Object.values(endpoints) as EndpointSpec[];

describe('the endpoint table', () => {
  it('is served by the emulator, or listed as not emulated with a reason', () => {
    const missing = specs.filter((s) => PLATFORM_HANDLERS[s.name] === undefined && !NOT_EMULATED[s.name]);
    expect(missing.map((s) => s.name)).toEqual([]);
    for (const reason of Object.values(NOT_EMULATED)) expect(reason.length).toBeGreaterThan(10);
  });

  it('has no handler for a name outside the table', () => {
    const names = new Set(specs.map((s) => s.name as string));
    expect(Object.keys(PLATFORM_HANDLERS).filter((n) => !names.has(n))).toEqual([]);
  });

  it.each(specs.map((s) => [s.name, s] as const))(
    '%s is routed at its method and path with its credential',
    async (_name, spec) => {
      const p = createPlatform();
      const query: Record<string, string> = { ...spec.fixedQuery };
      if (spec.auth === 'access_token') query['access_token'] = await p.accessToken();
      if ((spec.auth === 'appid' || spec.auth === 'appid+secret') && spec.request !== 'json') {
        query['appid'] = APPID;
        if (spec.auth === 'appid+secret') query[spec.secretParam ?? 'secret'] = SECRET;
      }
      if (spec.auth === 'user_token') {
        const code = issueOAuthCode(p.state, {
          openid: 'oA',
          scope: 'snsapi_userinfo',
          appid: APPID,
          redirectUri: 'https://e.x/',
        });
        const token = await p.send('GET', '/sns/oauth2/access_token', {
          query: { appid: APPID, secret: SECRET, code, grant_type: 'authorization_code' },
        });
        Object.assign(query, { access_token: String(token.json['access_token']), openid: 'oA' });
      }
      // Credentials in a JSON body (stable_token) or as a field (clear_quota).
      const credentials =
        spec.auth === 'appid+secret'
          ? { appid: APPID, [spec.secretParam ?? 'secret']: SECRET }
          : { appid: APPID };
      const body = spec.request === 'json' ? JSON.stringify(credentials) : undefined;
      const res = await p.send(spec.method, spec.path, { query, ...(body === undefined ? {} : { body }) });
      // Whatever the endpoint thinks of an empty request, it is not an unknown API, a wrong method or a bad credential.
      expect(res.json['errcode'], res.text).not.toBe(48001);
      expect([43002, 40001, 41001, 41002, 41004, 40013, 40125]).not.toContain(res.json['errcode']);
    },
  );
});

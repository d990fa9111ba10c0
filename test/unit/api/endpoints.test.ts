import { describe, expect, it } from 'vitest';
import { endpointByPath, endpoints, isEndpointName, type EndpointSpec } from '../../../src/api/endpoints.js';

const all: EndpointSpec[] = Object.values(endpoints);

describe('endpoint table', () => {
  it('lists 145 endpoints, each under its own name', () => {
    expect(all).toHaveLength(145);
    for (const [name, spec] of Object.entries(endpoints)) expect(spec.name).toBe(name);
  });

  it('has one endpoint per method and path, found again by endpointByPath', () => {
    const routes = new Set(all.map((s) => `${s.method} ${s.path}`));
    expect(routes.size).toBe(all.length);
    for (const spec of all) expect(endpointByPath(spec.method, spec.path)).toBe(spec);
  });

  it('matches methods case-insensitively and rejects the wrong method or a query string', () => {
    expect(endpointByPath('post', '/cgi-bin/menu/create')?.name).toBe('menu.create');
    expect(endpointByPath('GET', '/cgi-bin/menu/create')).toBeUndefined();
    expect(endpointByPath('GET', '/cgi-bin/menu/get?access_token=x')).toBeUndefined();
  });

  it('links every endpoint to its own page of the official API docs and keeps paths query-free', () => {
    for (const spec of all) {
      // media/uploadvideo has no page in the service-account index: it links the Official Account page that
      // describes it (see the row).
      if (spec.name === 'mass.uploadVideo')
        expect(spec.doc).toMatch(
          /^https:\/\/developers\.weixin\.qq\.com\/doc\/offiaccount\/[A-Za-z_/]+\.html$/,
        );
      else
        expect(spec.doc, spec.name).toMatch(
          /^https:\/\/developers\.weixin\.qq\.com\/doc\/service\/api\/[a-z_/]+\/api_[a-z_]+\.html$/,
        );
      expect(spec.path).toMatch(/^\/(cgi-bin|sns|customservice|datacube|wxaapi|wxa|cv)\/[a-z_/0-9]+$/);
    }
    // One page per endpoint: a shared page means a row was linked to its neighbour's page.
    expect(new Set(all.map((spec) => spec.doc)).size).toBe(all.length);
  });

  it('describes requests consistently with the HTTP method', () => {
    for (const spec of all) {
      if (spec.method === 'GET') expect(['none', 'query']).toContain(spec.request);
      if (spec.request === 'multipart') expect(spec.method).toBe('POST');
    }
    expect(endpoints['media.upload'].query).toEqual(['type']);
    expect(endpoints['material.add'].query).toEqual(['type']);
  });

  it('marks the binary endpoints and JSON-with-video-url', () => {
    const binary = all.filter((s) => s.response !== 'json').map((s) => s.name);
    expect(binary.sort()).toEqual(['material.get', 'media.get', 'media.getJssdk']);
    expect(endpoints['media.get'].response).toBe('json-with-video-url');
  });

  it('names the credential of the web-authorization endpoints', () => {
    expect(endpoints['oauth.accessToken']).toMatchObject({
      auth: 'appid+secret',
      fixedQuery: { grant_type: 'authorization_code' },
    });
    expect(endpoints['oauth.refreshToken']).toMatchObject({
      auth: 'appid',
      fixedQuery: { grant_type: 'refresh_token' },
    });
    expect(endpoints['oauth.userInfo'].auth).toBe('user_token');
    expect(endpoints['oauth.auth'].auth).toBe('user_token');
    expect(endpoints['misc.clearQuotaV2']).toMatchObject({ auth: 'appid+secret', secretParam: 'appsecret' });
  });

  it('sends the fields the docs and the other SDKs place differently both in the query and in the body', () => {
    expect(endpoints['customService.deleteAccount']).toMatchObject({
      request: 'json',
      echoQuery: ['kf_account'],
    });
    expect(endpoints['misc.clearQuotaV2']).toMatchObject({
      request: 'json',
      echoQuery: ['appid', 'appsecret'],
    });
  });

  it('sends the msg_data_id of every comment call as a JSON integer', () => {
    for (const spec of all.filter((s) => s.name.startsWith('comment.')))
      expect(spec.integerFields, spec.name).toEqual(['msg_data_id']);
  });

  it('keeps the token endpoints and AppSecret quota clearing out of the proxy', () => {
    const hidden = all.filter((s) => !s.proxied).map((s) => s.name);
    expect(hidden.sort()).toEqual(['misc.clearQuotaV2', 'token.get', 'token.stable']);
  });

  it('never marks sends, code exchanges, token fetches or quota resets as idempotent', () => {
    for (const name of [
      'customService.send',
      'template.send',
      'subscribe.send',
      'mass.sendAll',
      'mass.send',
      'mass.preview',
      'oauth.accessToken',
      'token.get',
      'misc.clearQuota',
      'publish.submit',
      'draft.add',
      'subscribe.sendOneTime',
      'misc.quotaClear',
      'comment.addReply',
      'shortKey.generate',
      'mass.uploadVideo',
    ] as const) {
      expect(endpoints[name].idempotent, name).toBe(false);
    }
    for (const spec of all.filter(
      (s) => s.method === 'GET' && s.name !== 'token.get' && s.name !== 'oauth.accessToken',
    )) {
      expect(spec.idempotent, spec.name).toBe(true);
    }
  });

  it('tells table names from other strings', () => {
    expect(isEndpointName('menu.get')).toBe(true);
    expect(isEndpointName('menu.nope')).toBe(false);
    expect(isEndpointName('toString')).toBe(false);
  });

  it('is frozen data', () => {
    expect(Object.isFrozen(endpoints)).toBe(true);
    expect(Object.isFrozen(endpoints['menu.get'])).toBe(true);
  });
});

/**
 * Type tests of `client.request`: a custom endpoint is typed by its description, without casts, and a table row
 * by the table; what does not fit does not compile.
 */
import { describe, expectTypeOf, it } from 'vitest';
import type { WeChatClient } from '../../src/api/client.js';
import { defineEndpoint } from '../../src/api/custom-endpoint.js';
import { endpoints } from '../../src/api/endpoints.js';
import type { UserInfo } from '../../src/api/types/user.js';

declare const client: WeChatClient;

describe('client.request', () => {
  it('types a custom endpoint by its request and response', () => {
    const scheme = defineEndpoint<{ jump_wxa: { path: string } }, { openlink: string }>({
      method: 'POST',
      path: '/wxa/generatescheme',
    });
    expectTypeOf(client.request(scheme, { jump_wxa: { path: 'p' } })).resolves.toEqualTypeOf<{
      openlink: string;
    }>();
    // @ts-expect-error: the request must fit the description
    void client.request(scheme, { jump: 1 });
    // @ts-expect-error: the request is required
    void client.request(scheme);
    const read = defineEndpoint<undefined, { n: number }>({ method: 'GET', path: '/cgi-bin/x' });
    expectTypeOf(client.request(read)).resolves.toEqualTypeOf<{ n: number }>();
  });

  it('types a row of the table by the table', () => {
    expectTypeOf(client.request(endpoints['user.info'], { openid: 'O' })).resolves.toEqualTypeOf<UserInfo>();
  });
});

/**
 * Type tests: the options accept what the docs pass. Under `exactOptionalPropertyTypes` an optional `appId?: string`
 * refuses `process.env.WECHAT_APPID` and `readEnv().appId` (both `string | undefined`), so every option a caller
 * fills from the environment is declared `?: T | undefined`.
 */
import { describe, expectTypeOf, it } from 'vitest';
import { createApiClient, type ApiClientOptions } from '../../src/api/client.js';
import { readEnv } from '../../src/config.js';
import { createTokenManager, type TokenManagerOptions } from '../../src/token/manager.js';
import type { TicketManagerOptions } from '../../src/token/ticket.js';
import { createWebhook } from '../../src/webhook/handler.js';
import { Router } from '../../src/webhook/router.js';
import type { WebhookOptions } from '../../src/webhook/settings.js';

const env = readEnv();

describe('options filled from the environment', () => {
  it('createWebhook takes appId and encodingAESKey as the README passes them', () => {
    expectTypeOf(createWebhook).toBeCallableWith(new Router(), {
      token: 'AAAAA',
      appId: process.env['WECHAT_APPID'],
      encodingAESKey: process.env['WECHAT_ENCODING_AES_KEY'],
      previousEncodingAESKey: env.previousEncodingAESKey,
      messageMode: env.messageMode,
    });
    expectTypeOf<{ appId: string | undefined }>().toExtend<Pick<WebhookOptions, 'appId'>>();
  });
  it('createApiClient takes apiBase, appId and appSecret as docs/api.md passes them', () => {
    expectTypeOf<{
      apiBase: string | undefined;
      appId: string | undefined;
      appSecret: string | undefined;
    }>().toExtend<Pick<ApiClientOptions, 'apiBase' | 'appId' | 'appSecret'>>();
    const tokens = createTokenManager({ appId: 'wx1234567890abcdef', appSecret: 's', apiBase: env.apiBase });
    expectTypeOf(createApiClient).toBeCallableWith({
      tokenProvider: tokens,
      apiBase: env.apiBase,
      appId: env.appId,
      appSecret: env.appSecret,
    });
  });
  it('the token and ticket managers take apiBase and the rest as possibly undefined', () => {
    expectTypeOf<{ apiBase: string | undefined; timeoutMs: number | undefined }>().toExtend<
      Pick<TokenManagerOptions, 'apiBase' | 'timeoutMs'>
    >();
    expectTypeOf<{ apiBase: string | undefined }>().toExtend<Pick<TicketManagerOptions, 'apiBase'>>();
  });
  it('still refuses a value of the wrong type', () => {
    // @ts-expect-error appId must be a string
    expectTypeOf<{ appId: number }>().toExtend<Pick<WebhookOptions, 'appId'>>();
  });
});

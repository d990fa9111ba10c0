import { describe, expect, it } from 'vitest';
import { silentLogger } from '../../../src/logger.js';
import { MemoryDedup } from '../../../src/webhook/dedup.js';
import { createWebhook } from '../../../src/webhook/handler.js';
import { Router, type Middleware } from '../../../src/webhook/router.js';
import { resolveSettings } from '../../../src/webhook/settings.js';
import { APPID, KEY, TOKEN, thrownBy } from './support.js';

describe('resolveSettings', () => {
  it('applies the defaults: 300 s window, 128 KiB, 4.5 s budget, in-memory dedup, silent logger, Date.now', () => {
    const settings = resolveSettings(new Router(), { token: TOKEN });
    expect(settings).toMatchObject({
      token: TOKEN,
      crypto: undefined,
      timestampWindowSec: 300,
      maxBodyBytes: 128 * 1024,
      messageMode: undefined,
      replyBudgetMs: 4500,
      lateReply: undefined,
      logger: silentLogger,
      now: Date.now,
    });
    expect(settings.dedup).toBeInstanceOf(MemoryDedup);
    expect(settings.replayGuard?.size).toBe(262_144);
  });
  it('keeps what is given: a key makes a crypto, dedup false turns it off, a middleware is used as is', () => {
    const middleware: Middleware = () => 'hi';
    const settings = resolveSettings(middleware, {
      token: TOKEN,
      appId: APPID,
      encodingAESKey: KEY,
      dedup: false,
      timestampWindowSec: 0,
    });
    expect(settings.crypto).toBeDefined();
    expect(settings.dedup).toBeUndefined();
    expect(settings.timestampWindowSec).toBe(0);
    expect(settings.middleware).toBe(middleware);
  });
  it('refuses a missing Token, or an EncodingAESKey without its AppID, with CONFIG_INVALID', () => {
    expect(thrownBy(() => resolveSettings(new Router(), { token: '' }))).toMatchObject({
      code: 'CONFIG_INVALID',
      message: 'the webhook needs a token. Set WECHAT_TOKEN to the Token of the server configuration',
    });
    expect(thrownBy(() => createWebhook(new Router(), { token: TOKEN, encodingAESKey: KEY }))).toMatchObject({
      code: 'CONFIG_INVALID',
      message: 'an EncodingAESKey needs the AppID too. Set WECHAT_APPID',
    });
  });
});

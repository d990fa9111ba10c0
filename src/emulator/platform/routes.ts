/**
 * WeChat's HTTP API as the emulator serves it: every endpoint of the one endpoint table (`src/api/endpoints.ts`)
 * with WeChat's semantics and error codes, on the shared emulator state, plus test controls under `/__emulator/`.
 * What is emulated and how it differs from WeChat: `docs/emulator-api.md`.
 * @module
 */
import { Hono } from 'hono';
import { silentLogger } from '../../logger.js';
import type { EmulatorState } from '../state.js';
import { controlRoutes } from './controls.js';
import { countCall } from './core/call-stats.js';
import type { PlatformOptions } from './core/handler.js';
import { fileResponse } from './core/media-store.js';
import { endpointRoutes, unknownApi } from './core/runner.js';
import { PLATFORM_HANDLERS } from './handlers.js';
import { articlePage } from './publish.js';
import { showQrcode } from './qrcode.js';

/**
 * The platform API routes (`/cgi-bin/…`, `/sns/…`, `/customservice/…`, `/__emulator/…` test controls) on the shared
 * state.
 *
 * @example
 * ```ts
 * import { Hono } from 'hono';
 * const push = async (openid: string, xml: string) => console.log('push to the webhook for', openid, xml);
 * new Hono().route('/', platformRoutes(state, { push }));
 * ```
 */
export function platformRoutes(state: EmulatorState, options: PlatformOptions): Hono {
  const resolved = { jobFinishDelayMs: 500, maxHoldMs: 30_000, logger: silentLogger, ...options };
  const app = new Hono();
  app.route('/', controlRoutes(state));
  // Files and pages WeChat serves from its CDN and mp.weixin.qq.com, without a token.
  app.get('/__emulator/media/:mediaId', (c) => {
    const media = state.media.get(c.req.param('mediaId'));
    return media === undefined ? c.text('media not found', 404) : fileResponse(media);
  });
  app.get('/__emulator/articles/:articleId/:idx', (c) => articlePage(c, state));
  app.get('/cgi-bin/showqrcode', (c) => {
    countCall(state, c.req.path);
    state.markModified();
    return showQrcode(c, state);
  });
  app.route('/', endpointRoutes(state, resolved, PLATFORM_HANDLERS));
  // Any other API path: WeChat answers 48001 "api unauthorized" (e.g. a mini-program path called by an account).
  app.all('/cgi-bin/*', (c) => unknownApi(c, state));
  app.all('/sns/*', (c) => unknownApi(c, state));
  app.all('/customservice/*', (c) => unknownApi(c, state));
  for (const prefix of ['/datacube/*', '/wxaapi/*', '/wxa/*', '/cv/*'])
    app.all(prefix, (c) => unknownApi(c, state));
  return app;
}

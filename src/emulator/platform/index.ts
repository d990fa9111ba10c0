/**
 * WeChat's HTTP API as the emulator serves it: every endpoint of the one endpoint table (`src/api/endpoints.ts`)
 * with WeChat's semantics and error codes, on the shared emulator state, plus test controls under `/__emulator/`.
 * What is emulated and how it differs from WeChat: `docs/emulator-api.md`.
 * @module
 */
import { Hono } from 'hono';
import type { EndpointName } from '../../api/endpoint-types.js';
import { silentLogger } from '../../logger.js';
import type { EmulatorState } from '../state.js';
import type { Handlers, PlatformOptions } from './context.js';
import { controlRoutes, countCall } from './controls.js';
import { draftHandlers } from './drafts.js';
import { kfAccountHandlers } from './kf-accounts.js';
import { kfRecordHandlers } from './kf-records.js';
import { kfSessionHandlers } from './kf-sessions.js';
import { massHandlers } from './mass.js';
import { materialHandlers } from './material.js';
import { mediaHandlers } from './media.js';
import { fileResponse } from './media-store.js';
import { menuHandlers } from './menu.js';
import { messageHandlers } from './messages.js';
import { miscHandlers } from './misc.js';
import { oauthHandlers } from './oauth.js';
import { articlePage, publishHandlers } from './publish.js';
import { qrcodeHandlers, showQrcode } from './qrcode.js';
import { endpointRoutes, unknownApi } from './runner.js';
import { tagHandlers } from './tags.js';
import { templateIndustryHandlers } from './template-industry.js';
import { templateHandlers } from './templates.js';
import { tokenHandlers } from './tokens.js';
import { userHandlers } from './users.js';

export type { PlatformOptions } from './context.js';
export { listQrTickets, resolveQrTicket } from './qrcode.js';
export { issueOAuthCode } from './oauth.js';
export { menuForFan } from './menu.js';
export { isTyping } from './messages.js';
export { currentTicket } from './misc.js';
export { addTemplate } from './templates.js';
export { acceptKfInvite, setKfOnline } from './kf-accounts.js';

/**
 * Every handler, keyed by endpoint name. The table-coverage test checks that each endpoint of the table is here or
 * in {@link NOT_EMULATED}.
 *
 * @example
 * ```ts
 * Object.keys(PLATFORM_HANDLERS).length; // endpoints served
 * ```
 */
export const PLATFORM_HANDLERS: Handlers = {
  ...tokenHandlers,
  ...menuHandlers,
  ...mediaHandlers,
  ...materialHandlers,
  ...messageHandlers,
  ...kfAccountHandlers,
  ...kfSessionHandlers,
  ...kfRecordHandlers,
  ...templateHandlers,
  ...templateIndustryHandlers,
  ...massHandlers,
  ...userHandlers,
  ...tagHandlers,
  ...qrcodeHandlers,
  ...oauthHandlers,
  ...draftHandlers,
  ...publishHandlers,
  ...miscHandlers,
};

/**
 * Endpoints of the table the emulator deliberately does not serve, with the reason (they answer 48001). Empty
 * today: every endpoint of the table is emulated.
 *
 * @example
 * ```ts
 * NOT_EMULATED['media.getJssdk']; // undefined: it is emulated
 * ```
 */
export const NOT_EMULATED: Readonly<Partial<Record<EndpointName, string>>> = {};

/**
 * The platform API routes (`/cgi-bin/…`, `/sns/…`, `/customservice/…`, `/__emulator/…` test controls) on the shared
 * state.
 *
 * @example
 * ```ts
 * app.route('/', platformRoutes(state, { push }));
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
    return showQrcode(c, state);
  });
  app.route('/', endpointRoutes(state, resolved, PLATFORM_HANDLERS));
  // Any other API path: WeChat answers 48001 "api unauthorized" (e.g. a mini-program path called by an account).
  app.all('/cgi-bin/*', (c) => unknownApi(c, state));
  app.all('/sns/*', (c) => unknownApi(c, state));
  app.all('/customservice/*', (c) => unknownApi(c, state));
  return app;
}

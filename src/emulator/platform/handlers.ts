/**
 * The one map from endpoint name to handler: every endpoint of the table (`src/api/endpoints.ts`), gathered from the
 * files named after the table's groups (`tag.batchTagging` lives in `tag.ts`, `customService.*` in
 * `custom-service/`). The table-coverage test holds it to the table.
 * @module
 */
import type { EndpointName } from '../../api/endpoint-types.js';
import { aiHandlers } from './ai.js';
import { autoReplyHandlers } from './auto-reply.js';
import { blacklistHandlers } from './blacklist.js';
import { commentHandlers } from './comment.js';
import type { Handlers } from './core/handler.js';
import { kfAccountHandlers } from './custom-service/accounts.js';
import { customServiceMessageHandlers } from './custom-service/messages.js';
import { kfRecordHandlers } from './custom-service/records.js';
import { kfSessionHandlers } from './custom-service/sessions.js';
import { articleStatHandlers } from './datacube/articles.js';
import { contentStatHandlers } from './datacube/content.js';
import { interfaceStatHandlers } from './datacube/interface.js';
import { messageStatHandlers } from './datacube/messages.js';
import { userStatHandlers } from './datacube/users.js';
import { draftHandlers } from './draft.js';
import { jssdkHandlers } from './jssdk.js';
import { massSettingHandlers } from './mass-settings.js';
import { massHandlers } from './mass.js';
import { materialHandlers } from './material.js';
import { mediaHandlers } from './media.js';
import { menuHandlers } from './menu.js';
import { miscHandlers } from './misc.js';
import { oauthHandlers } from './oauth.js';
import { ocrHandlers } from './ocr.js';
import { publishHandlers } from './publish.js';
import { qrcodeJumpHandlers } from './qrcode-jump.js';
import { qrcodeHandlers } from './qrcode.js';
import { shortKeyHandlers } from './short-key.js';
import { subscribeTemplateHandlers } from './subscribe-templates.js';
import { subscribeHandlers } from './subscribe.js';
import { tagHandlers } from './tag.js';
import { blockedTemplateHandlers } from './template-blocked.js';
import { templateIndustryHandlers } from './template-industry.js';
import { templateHandlers } from './template.js';
import { tokenHandlers } from './token.js';
import { userHandlers } from './user.js';

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
  ...customServiceMessageHandlers,
  ...kfAccountHandlers,
  ...kfSessionHandlers,
  ...kfRecordHandlers,
  ...templateHandlers,
  ...templateIndustryHandlers,
  ...blockedTemplateHandlers,
  ...subscribeHandlers,
  ...subscribeTemplateHandlers,
  ...massHandlers,
  ...massSettingHandlers,
  ...userHandlers,
  ...tagHandlers,
  ...blacklistHandlers,
  ...qrcodeHandlers,
  ...qrcodeJumpHandlers,
  ...shortKeyHandlers,
  ...oauthHandlers,
  ...jssdkHandlers,
  ...draftHandlers,
  ...publishHandlers,
  ...commentHandlers,
  ...userStatHandlers,
  ...articleStatHandlers,
  ...contentStatHandlers,
  ...messageStatHandlers,
  ...interfaceStatHandlers,
  ...autoReplyHandlers,
  ...ocrHandlers,
  ...aiHandlers,
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

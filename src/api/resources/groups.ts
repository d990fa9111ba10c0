/**
 * The client's API groups, one per prefix of the endpoint table, and the few client methods that are not
 * endpoints. Each group method is named as its endpoint's table key (`client.tag.batchTagging` calls
 * `tag.batchTagging`); `test/unit/api/client-vocabulary.test.ts` fails on a method that is named otherwise or calls
 * another endpoint, unless {@link CLIENT_HELPERS} declares it.
 * @module
 */
import type { EndpointName } from '../endpoint-types.js';
import { createAiApi } from './ai.js';
import { createAutoReplyApi } from './auto-reply.js';
import { createBlacklistApi } from './blacklist.js';
import { createCommentApi } from './comment.js';
import type { ResourceContext } from './context.js';
import { createCustomServiceApi } from './custom-service.js';
import { createDatacubeApi } from './datacube.js';
import { createDraftApi } from './draft.js';
import { createImgApi } from './img.js';
import { createJssdkApi } from './jssdk.js';
import { createMassApi } from './mass.js';
import { createMaterialApi } from './material.js';
import { createMediaApi } from './media.js';
import { createMenuApi } from './menu.js';
import { createMiscApi } from './misc.js';
import { createOAuthApi } from './oauth.js';
import { createOcrApi } from './ocr.js';
import { createPublishApi } from './publish.js';
import { createQrcodeApi } from './qrcode.js';
import { createQrcodeJumpApi } from './qrcode-jump.js';
import { createShortKeyApi } from './short-key.js';
import { createSubscribeApi } from './subscribe.js';
import { createTagApi } from './tag.js';
import { createTemplateApi } from './template.js';
import { createUserApi } from './user.js';

/**
 * The factory of each group, keyed by the group's prefix in the endpoint table (`token` has no group: the token
 * fetchers call it).
 *
 * @example
 * ```ts
 * Object.keys(apiGroups); // ['menu', 'media', 'material', 'customService', …]
 * ```
 */
export const apiGroups = {
  menu: createMenuApi,
  media: createMediaApi,
  material: createMaterialApi,
  customService: createCustomServiceApi,
  template: createTemplateApi,
  subscribe: createSubscribeApi,
  mass: createMassApi,
  user: createUserApi,
  tag: createTagApi,
  blacklist: createBlacklistApi,
  qrcode: createQrcodeApi,
  qrcodeJump: createQrcodeJumpApi,
  shortKey: createShortKeyApi,
  oauth: createOAuthApi,
  jssdk: createJssdkApi,
  draft: createDraftApi,
  publish: createPublishApi,
  comment: createCommentApi,
  datacube: createDatacubeApi,
  autoReply: createAutoReplyApi,
  ocr: createOcrApi,
  img: createImgApi,
  ai: createAiApi,
  misc: createMiscApi,
} as const satisfies Record<string, (context: ResourceContext) => object>;

/**
 * The name of a group: a prefix of the endpoint table and a property of the client.
 */
export type ApiGroupName = keyof typeof apiGroups;

/**
 * Every group of the client, typed by what its factory returns; `WeChatClient` extends it.
 *
 * @example
 * ```ts
 * import type { ResourceContext } from './context.js';
 * declare const context: ResourceContext; // as createApiClient builds it
 * const groups: ApiGroups = createApiGroups(context);
 * await groups.menu.get();
 * ```
 */
export type ApiGroups = { readonly [G in ApiGroupName]: ReturnType<(typeof apiGroups)[G]> };

/**
 * Every client method as `group.method`, e.g. `'tag.batchTagging'` or `'user.all'`.
 */
export type ClientMethodName = {
  [G in ApiGroupName]: `${G}.${keyof ApiGroups[G] & string}`;
}[ApiGroupName];

/**
 * Creates every group for one client.
 *
 * @example
 * ```ts
 * import type { ResourceContext } from './context.js';
 * declare const context: ResourceContext; // as createApiClient builds it
 * const { menu, tag } = createApiGroups(context);
 * ```
 */
export function createApiGroups(context: ResourceContext): ApiGroups {
  const entries = Object.entries(apiGroups).map(([name, create]) => [name, create(context)]);
  return Object.fromEntries(entries) as ApiGroups;
}

/**
 * What a helper is: the endpoints it calls (none for those that work locally) and why it is worth a name of its own.
 */
export interface ClientHelper {
  readonly calls: readonly EndpointName[];
  readonly why: string;
}

/**
 * The client methods that are not named after an endpoint: each does something its endpoint alone does not (pages
 * through a list, checks and builds a body, signs or builds a URL locally). No method is a bare second name of an
 * endpoint; each helper's TSDoc starts with "Helper (not an endpoint)".
 *
 * @example
 * ```ts
 * CLIENT_HELPERS['tag.allMembers'].calls; // ['tag.members']
 * ```
 */
export const CLIENT_HELPERS = {
  'customService.sendText': { calls: ['customService.send'], why: 'the most common message in one line' },
  'user.all': { calls: ['user.list'], why: 'async iterator over every page of followers' },
  'tag.allMembers': { calls: ['tag.members'], why: 'async iterator over every page of a tag' },
  'blacklist.all': { calls: ['blacklist.get'], why: 'async iterator over every page of the blacklist' },
  'qrcode.temporary': {
    calls: ['qrcode.create'],
    why: 'picks the action_name and checks scene and lifetime',
  },
  'qrcode.permanent': { calls: ['qrcode.create'], why: 'picks the action_name and checks the scene' },
  'qrcode.imageUrl': { calls: [], why: 'builds the showqrcode URL locally' },
  'oauth.authorizeUrl': { calls: [], why: 'builds the consent-page URL locally' },
  'oauth.isTokenValid': { calls: ['oauth.auth'], why: 'turns the token refusals of oauth.auth into false' },
  'jssdk.config': { calls: [], why: 'signs wx.config locally with the jsapi_ticket' },
  'subscribe.consentUrl': { calls: [], why: 'builds the one-time subscription consent URL locally' },
} as const satisfies { readonly [M in Exclude<ClientMethodName, EndpointName>]?: ClientHelper };

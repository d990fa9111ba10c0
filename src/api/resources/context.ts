/**
 * What every resource group receives from the client: the typed `call`, and the few settings some groups need.
 * @module
 */
import { WeChatError } from '../../errors.js';
import type { EndpointName, EndpointRequest, EndpointResponse } from '../endpoint-types.js';

/**
 * The arguments of `call(name, …)`: nothing for endpoints without a request, else the typed request.
 *
 * @example
 * ```ts
 * import type { EndpointName } from 'wxmp/api';
 * function callAndLog<N extends EndpointName>(name: N, ...args: CallArgs<N>) {
 *   console.log('calling', name);
 *   return client.call(name, ...args);
 * }
 * await callAndLog('menu.get');
 * ```
 */
export type CallArgs<N extends EndpointName> = [EndpointRequest<N>] extends [undefined]
  ? []
  : [request: EndpointRequest<N>];

/**
 * Calls one endpoint of the table by name, typed by the endpoint's own request and response.
 *
 * @example
 * ```ts
 * const menu = await client.call('menu.get');
 * await client.call('menu.create', { button: [{ type: 'click', name: 'Hi', key: 'HI' }] });
 * ```
 */
export type CallFn = <N extends EndpointName>(name: N, ...args: CallArgs<N>) => Promise<EndpointResponse<N>>;

/**
 * Supplies the JS-SDK `jsapi_ticket`, the way a `TokenProvider` supplies the access_token; the token module's
 * `createTicketManager` fits as it is.
 */
export interface TicketProvider {
  getTicket(): Promise<string>;
}

/**
 * The shared inputs of the resource factories.
 *
 * @example
 * ```ts
 * import { createMenuApi } from './menu.js';
 * const context: ResourceContext = {
 *   call: client.call,
 *   appId: 'wx1234567890abcdef',
 *   authorizeOrigin: 'https://open.weixin.qq.com',
 *   qrcodeOrigin: 'https://mp.weixin.qq.com',
 *   mpOrigin: 'https://mp.weixin.qq.com',
 *   ticketProvider: undefined,
 *   now: Date.now,
 * };
 * const menu = createMenuApi(context); // what client.menu is
 * ```
 */
export interface ResourceContext {
  call: CallFn;
  appId: string | undefined;
  /** Origin of the web-authorization page, `https://open.weixin.qq.com` unless an emulator stands in. */
  authorizeOrigin: string;
  /** Origin of `showqrcode`, `https://mp.weixin.qq.com` unless an emulator stands in. */
  qrcodeOrigin: string;
  /** Origin of the other mp.weixin.qq.com pages (the subscription consent page), likewise. */
  mpOrigin: string;
  ticketProvider: TicketProvider | undefined;
  now: () => number;
}

/**
 * The client's AppID for what needs it (an authorize or consent URL, wx.config, clear_quota), or `CONFIG_INVALID`
 * saying so.
 *
 * @example
 * ```ts
 * const appId = requireAppId('wx520c15f417810387', 'The consent URL');
 * ```
 */
export function requireAppId(appId: string | undefined, what: string): string {
  if (!appId)
    throw new WeChatError('CONFIG_INVALID', `${what} needs the AppID: pass appId to createApiClient`);
  return appId;
}

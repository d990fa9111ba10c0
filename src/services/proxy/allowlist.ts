/**
 * The proxy's allowlist: the endpoints of the table marked `proxied`, at their method, and the endpoints outside
 * the table an operator lists (`extraEndpoints`, `WXMP_PROXY_EXTRA_ENDPOINTS`). Anything else is refused with the
 * rule in the message.
 * @module
 */
import type { MiddlewareHandler } from 'hono';
import { endpointByPath, type WireSpec } from '../../api/endpoints.js';
import { WeChatError } from '../../errors.js';
import type { Logger } from '../../logger.js';
import { refuse, type ProxyEnv } from './env.js';

/**
 * An endpoint outside the table the proxy forwards: the global token is added, the body and query pass through.
 *
 * @example
 * ```ts
 * import { createProxy } from 'wxmp/services';
 * import { createTokenManager } from 'wxmp/token';
 * const tokenProvider = createTokenManager({ appId: 'wx1234567890abcdef', appSecret: process.env.WECHAT_APPSECRET! });
 * const extraEndpoints: ExtraEndpoint[] = [{ method: 'POST', path: '/wxa/generatescheme' }];
 * const { app } = createProxy({ tokenProvider, clientKeys: ['service-a-0123456789'], extraEndpoints });
 * ```
 */
export interface ExtraEndpoint {
  method: 'GET' | 'POST';
  path: string;
  /** Repeating it changes nothing more, so a network failure or `-1` may be retried; default false. */
  idempotent?: boolean;
}

/**
 * Reads `WXMP_PROXY_EXTRA_ENDPOINTS`: entries `METHOD /path` separated by commas (an optional `!` after the path
 * marks it idempotent). Throws `CONFIG_INVALID` naming the entry it cannot read.
 *
 * @example
 * ```ts
 * parseExtraEndpoints('POST /wxa/generatescheme, GET /cgi-bin/some/read!');
 * // [{ method: 'POST', path: '/wxa/generatescheme' }, { method: 'GET', path: '/cgi-bin/some/read', idempotent: true }]
 * ```
 */
export function parseExtraEndpoints(raw: string | undefined): ExtraEndpoint[] {
  const entries = (raw ?? '')
    .split(',')
    .map((e) => e.trim())
    .filter(Boolean);
  return entries.map((entry) => {
    const match = /^(GET|POST)\s+(\/[A-Za-z0-9_\-./]+?)(!?)$/.exec(entry);
    if (!match || match[2]!.includes('..'))
      throw new WeChatError('CONFIG_INVALID', `WXMP_PROXY_EXTRA_ENDPOINTS: cannot read "${entry}"`, {
        hint: 'Write METHOD /path entries separated by commas, e.g. "POST /wxa/generatescheme, GET /cgi-bin/x!"',
      });
    return { method: match[1] as 'GET' | 'POST', path: match[2]!, ...(match[3] ? { idempotent: true } : {}) };
  });
}

function extraSpec(extra: ExtraEndpoint): WireSpec {
  return {
    name: `extra:${extra.method} ${extra.path}`,
    method: extra.method,
    path: extra.path,
    auth: 'access_token',
    request: extra.method === 'GET' ? 'query' : 'json',
    response: 'binary-or-json',
    idempotent: extra.idempotent ?? false,
    proxied: true,
    doc: '',
  };
}

/** Why a request is refused, and what would make it pass. */
function why(method: string, path: string): string {
  const table = endpointByPath(method, path);
  if (table) return `${table.name} takes the account's credentials and is never forwarded`;
  const other = endpointByPath(method.toUpperCase() === 'GET' ? 'POST' : 'GET', path);
  if (other) return `${other.name} is called with ${other.method}`;
  return `it is not in wxmp's endpoint table; an operator may list "${method} ${path}" in WXMP_PROXY_EXTRA_ENDPOINTS (createProxy's extraEndpoints) to forward it with the access_token`;
}

/**
 * The step that resolves the request to the endpoint table (or to an extra endpoint) and sets `endpoint`; anything
 * else (unknown path, wrong method, token and quota endpoints) is 404 `NOT_FOUND`, with the rule.
 *
 * @example
 * ```ts
 * import { Hono } from 'hono';
 * import type { ProxyEnv } from './env.js';
 * new Hono<ProxyEnv>().use(allowTableEndpoints(logger, [{ method: 'POST', path: '/wxa/generatescheme' }]));
 * ```
 */
export function allowTableEndpoints(
  logger: Logger,
  extraEndpoints: readonly ExtraEndpoint[] = [],
): MiddlewareHandler<ProxyEnv> {
  const extras = new Map(extraEndpoints.map((e) => [`${e.method} ${e.path}`, extraSpec(e)]));
  return async (c, next) => {
    const { method, path } = c.req;
    const spec = endpointByPath(method, path) ?? extras.get(`${method.toUpperCase()} ${path}`);
    if (!spec?.proxied) {
      logger.warn({ key: c.get('clientKeyId'), method, path }, 'proxy: endpoint not forwarded');
      return refuse(
        c,
        404,
        'NOT_FOUND',
        `${method} ${path} is not an endpoint this proxy forwards: ${why(method, path)}`,
      );
    }
    c.set('endpoint', spec);
    await next();
  };
}

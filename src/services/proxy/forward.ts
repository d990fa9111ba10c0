/**
 * The proxy's last step: the call at WeChat under the client's retry rules, its answer handed back, one log line.
 * @module
 */
import type { Context, Handler } from 'hono';
import { executeWithRetry, type AttemptResult } from '../../api/execute.js';
import { isNoAnswer } from '../../wechat-http/index.js';
import type { RetryPolicy } from '../../api/retry.js';
import { errorMessage, redactSecrets, WeChatError } from '../../errors.js';
import type { Logger } from '../../logger.js';
import type { TokenProvider } from '../../token/provider.js';
import { refuse, type ProxyEnv } from './env.js';
import { upstreamAttempt, type Upstream } from './upstream.js';

/**
 * What {@link forwardToWeChat} needs beyond the request.
 */
export interface ForwardOptions extends Upstream {
  tokenProvider: TokenProvider;
  policy: RetryPolicy;
  logger: Logger;
  /** Told of each retry (for metrics). */
  onRetry?: ((endpoint: string, reason: 'token' | 'backoff') => void) | undefined;
}

/**
 * The handler after the checks: forwards the request (retried by `decideRetry`, like the API client), returns
 * WeChat's answer and logs `key`, `path`, `status`, `errcode`, `ms`. When no answer can be had it is 504 `TIMEOUT`,
 * 502 (WeChat unreachable) or 503 (no token), with the error's code.
 *
 * @example
 * ```ts
 * import { Hono } from 'hono';
 * import { DEFAULT_RETRY_POLICY } from 'wxmp/api';
 * import type { ProxyEnv } from './env.js';
 * const tokenProvider = { getToken: async () => 'ACCESS_TOKEN', invalidate: async () => {} };
 * const upstream = { apiBase: 'https://api.weixin.qq.com', fetch, timeoutMs: 10_000 };
 * const options = { ...upstream, tokenProvider, policy: DEFAULT_RETRY_POLICY, logger };
 * new Hono<ProxyEnv>().all('*', forwardToWeChat(options));
 * ```
 */
export function forwardToWeChat(options: ForwardOptions): Handler<ProxyEnv> {
  const { tokenProvider, policy, logger } = options;
  return async (c) => {
    const spec = c.get('endpoint');
    const request = {
      query: new URL(c.req.url).searchParams,
      contentType: c.req.header('content-type'),
      body: c.get('body'),
    };
    const attempt = upstreamAttempt(spec, request, options);
    let result: AttemptResult<Response>;
    try {
      result = await executeWithRetry({
        spec,
        tokenProvider,
        attempt,
        policy,
        logger,
        onRetry: options.onRetry,
      });
    } catch (err) {
      return refuseFailedCall(c, err, logger);
    }
    const { value: response, errcode } = result;
    logger.info(
      { key: c.get('clientKeyId'), path: spec.path, status: response.status, errcode, ms: elapsed(c) },
      'proxied WeChat API call',
    );
    return response;
  };
}

function refuseFailedCall(c: Context<ProxyEnv>, err: unknown, logger: Logger): Response {
  const status = isNoAnswer(err) ? (err.code === 'TIMEOUT' ? 504 : 502) : 503;
  const code = err instanceof WeChatError ? err.code : 'INTERNAL';
  const detail = redactSecrets(errorMessage(err));
  logger.warn(
    { key: c.get('clientKeyId'), path: c.get('endpoint').path, status, error: code, detail, ms: elapsed(c) },
    'proxy: call failed',
  );
  const message = err instanceof WeChatError ? err.message : 'Unexpected error; see the proxy log';
  return refuse(c, status, code, message);
}

function elapsed(c: Context<ProxyEnv>): number {
  return Date.now() - c.get('startedAt');
}

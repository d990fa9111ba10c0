/**
 * Ready-to-run servers and the pieces that connect the webhook, the token manager and the API client.
 * @module
 */
export * from './webhook-server.js';
export * from './token-server.js';
export * from './proxy.js';
export { createRateLimiter, type RateLimiter } from './proxy/rate-limit.js';
export { parseExtraEndpoints, type ExtraEndpoint } from './proxy/allowlist.js';
export * from './client-keys.js';
export * from './client-key-auth.js';
export * from './late-reply.js';
export * from './redis-dedup.js';

/**
 * The webhook: core, router, context and filters.
 * @module
 */
export * from './handler.js';
export * from './http.js';
export * from './router.js';
export * from './filter.js';
export * from './dedup.js';
export type * from './context.js';

/**
 * The webhook layer's entry inside the package (core, router, context, filters, dedup), for the adapters and the
 * services. Not a package export: `src/index.ts` (`wxmp`) names what users get of it.
 * @module
 */
export * from './handler.js';
export * from './http.js';
export * from './router.js';
export * from './filter.js';
export * from './dedup.js';
export type * from './context.js';

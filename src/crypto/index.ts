/**
 * WeChat's signatures and message encryption.
 * @module
 */
export * from './signature.js';
export * from './aes.js';
export * from './message-crypto.js';
export * from './envelope.js';
export * from './mode.js';

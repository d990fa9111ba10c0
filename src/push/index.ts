/**
 * WeChat's side of a push, for the emulator, `wxmp send` and tests.
 * @module
 */
export * from './inbound.js';
export * from './request.js';
export { ENCRYPTION_MODES, type EncryptionMode } from '../crypto/mode.js';

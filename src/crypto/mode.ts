/**
 * The message encryption mode of an account's server configuration (消息加解密方式), named once for the webhook,
 * the push builder, the emulator and the CLI.
 * @module
 */

/**
 * Every mode, in the console's order: 明文模式 (plain), 兼容模式 (compatible: ciphertext beside the plaintext),
 * 安全模式 (safe: ciphertext only).
 *
 * @example
 * ```ts
 * const mode = ENCRYPTION_MODES.find((m) => m === process.argv[2]) ?? 'plain';
 * ```
 */
export const ENCRYPTION_MODES = ['plain', 'compatible', 'safe'] as const;

/**
 * One of {@link ENCRYPTION_MODES}: how a push arrives, and how replies to it are sealed.
 */
export type EncryptionMode = (typeof ENCRYPTION_MODES)[number];

/**
 * Files the fan sends (photos, voice, video) land in the emulator's media store, as WeChat keeps them on its servers:
 * the developer gets a media_id and a PicUrl, and can download them through `/cgi-bin/media/get`.
 * @module
 */
import { createHash } from 'node:crypto';
import type { EmulatorState } from '../state.js';
import type { ChatMedia } from '../chat-entry.js';
import { mediaPath } from '../platform/core/media-store.js';
import type { StoredMedia } from '../world.js';
import type { FanFile } from './action-types.js';

/**
 * The bytes of a fan file.
 *
 * @example
 * ```ts
 * fileBytes({ data: 'aGk=', contentType: 'text/plain', filename: 'a.txt' }).toString(); // 'hi'
 * ```
 */
export function fileBytes(file: FanFile): Buffer {
  return typeof file.data === 'string' ? Buffer.from(file.data, 'base64') : Buffer.from(file.data);
}

/**
 * MD5 of the bytes, as `PicMd5Sum` of the pic_* menu events.
 *
 * @example
 * ```ts
 * md5Hex(Buffer.from('')); // 'd41d8cd98f00b204e9800998ecf8427e'
 * ```
 */
export function md5Hex(bytes: Uint8Array): string {
  return createHash('md5').update(bytes).digest('hex');
}

/** A WeChat-looking media_id: 64 characters of letters, digits, `-` and `_`. */
function newMediaId(state: EmulatorState): string {
  return createHash('sha256').update(state.id('media')).digest('base64url').slice(0, 43).padEnd(64, '_');
}

/**
 * Stores a fan's file as temporary media; returns its media_id and the emulator's path of it.
 *
 * @example
 * ```ts
 * const png = Buffer.from('iVBORw0KGgo=', 'base64');
 * const { mediaId, url } = storeFanFile(state, 'image', { data: png, contentType: 'image/png', filename: 'a.png' });
 * ```
 */
export function storeFanFile(state: EmulatorState, type: StoredMedia['type'], file: FanFile): ChatMedia {
  const media: StoredMedia = {
    mediaId: newMediaId(state),
    type,
    permanent: false,
    data: fileBytes(file).toString('base64'),
    contentType: file.contentType || 'application/octet-stream',
    filename: file.filename || `${type}.bin`,
    createdAt: state.now(),
  };
  state.media.set(media.mediaId, media);
  return { mediaId: media.mediaId, url: mediaPath(media.mediaId) };
}

/**
 * A 1×1 grey PNG: the thumbnail of a fan's video when the page could not draw one (a thumb is always present in
 * WeChat's video messages).
 */
export const PLACEHOLDER_THUMB: FanFile = {
  data: 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAAAAAA6fptVAAAACklEQVR4nGM4AwAAzgDN1GaQsAAAAABJRU5ErkJggg==',
  contentType: 'image/png',
  filename: 'thumb.png',
};

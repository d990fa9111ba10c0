/**
 * Files in `state.media`: reading an upload as WeChat checks it (field `media`, extension, size), storing it, finding
 * it again (temporary media expire after 3 days), and answering with its bytes.
 * @module
 */
import { randomBytes } from 'node:crypto';
import { guessContentType } from '../../../wechat-http/index.js';
import type { EmulatorState } from '../../state.js';
import type { StoredMedia } from '../../world.js';
import { fail } from './respond.js';

/** Temporary media live this long. */
export const TEMPORARY_MEDIA_TTL_MS = 3 * 86_400_000;

/** The media types of uploads. */
export type UploadType = 'image' | 'voice' | 'video' | 'thumb';

const MB = 1024 * 1024;

/** Size limits per type and the code WeChat answers beyond them. */
const SIZE: Readonly<Record<UploadType, readonly [bytes: number, errcode: number]>> = {
  image: [10 * MB, 40009],
  voice: [2 * MB, 40010],
  video: [10 * MB, 40011],
  thumb: [64 * 1024, 40012],
};

/** Accepted extensions (WeChat judges the format by the file name). */
const FORMATS: Readonly<Record<'temporary' | 'permanent', Readonly<Record<UploadType, readonly string[]>>>> =
  {
    temporary: {
      image: ['jpg', 'jpeg', 'png', 'gif'],
      voice: ['amr', 'mp3'],
      video: ['mp4'],
      thumb: ['jpg', 'jpeg'],
    },
    permanent: {
      image: ['bmp', 'png', 'jpeg', 'jpg', 'gif'],
      voice: ['mp3', 'wma', 'wav', 'amr'],
      video: ['mp4'],
      thumb: ['jpg', 'jpeg'],
    },
  };

/** Images for article bodies (media/uploadimg): jpg/png below 1 MB. */
export const ARTICLE_IMAGE = Object.freeze({ formats: ['jpg', 'jpeg', 'png'], maxBytes: 1 * MB });

/** Article-body images live in `state.media` too; this id prefix keeps them out of the material lists. */
export const ARTICLE_IMAGE_PREFIX = 'articleimg_';

/**
 * Kf account avatars (kfaccount/uploadheadimg) likewise.
 *
 * @example
 * ```ts
 * const upload = { bytes: Buffer.from('…'), filename: 'head.jpg', contentType: 'image/jpeg', ext: 'jpg' };
 * storeUpload(state, upload, { type: 'image', permanent: true, idPrefix: KF_HEAD_IMAGE_PREFIX });
 * ```
 */
export const KF_HEAD_IMAGE_PREFIX = 'kfhead_';

/**
 * Whether a stored file is an image the account uses elsewhere (article bodies, kf avatars) rather than material.
 *
 * @example
 * ```ts
 * isServiceImage('articleimg_abc'); // true
 * ```
 */
export function isServiceImage(mediaId: string): boolean {
  return mediaId.startsWith(ARTICLE_IMAGE_PREFIX) || mediaId.startsWith(KF_HEAD_IMAGE_PREFIX);
}

/** An uploaded file. */
export interface Upload {
  bytes: Buffer;
  filename: string;
  contentType: string;
  ext: string;
}

/**
 * The media type of an upload (`type` query parameter), or 40004.
 *
 * @example
 * ```ts
 * uploadType('image'); // 'image'
 * ```
 */
export function uploadType(type: unknown): UploadType {
  if (type === 'image' || type === 'voice' || type === 'video' || type === 'thumb') return type;
  return fail(40004);
}

/**
 * Reads the multipart field `media`: 41005 when absent, 44001 when empty.
 *
 * @example
 * ```ts
 * const form = new FormData();
 * form.set('media', new File(['…'], 'a.jpg', { type: 'image/jpeg' }));
 * const upload = await readUpload(form); // { bytes, filename: 'a.jpg', contentType: 'image/jpeg', ext: 'jpg' }
 * ```
 */
export async function readUpload(form: FormData | undefined): Promise<Upload> {
  const file = form?.get('media');
  if (!(file instanceof File)) fail(41005);
  const bytes = Buffer.from(await file.arrayBuffer());
  if (bytes.length === 0) fail(44001);
  const filename = file.name || 'media';
  const ext = /\.([a-z0-9]+)$/i.exec(filename)?.[1]?.toLowerCase() ?? '';
  const contentType =
    file.type && file.type !== 'application/octet-stream' ? file.type : guessContentType(filename);
  return { bytes, filename, contentType, ext };
}

/**
 * Checks an upload's extension (40005) and size (40009–40012) for its type.
 *
 * @example
 * ```ts
 * const upload = { bytes: Buffer.alloc(100_000), filename: 'a.jpg', contentType: 'image/jpeg', ext: 'jpg' };
 * checkUpload(upload, 'thumb', 'temporary'); // throws WxError(40012): a thumb is at most 64 KB
 * ```
 */
export function checkUpload(upload: Upload, type: UploadType, kind: 'temporary' | 'permanent'): void {
  if (!FORMATS[kind][type].includes(upload.ext)) fail(40005);
  const [max, errcode] = SIZE[type];
  if (upload.bytes.length > max) fail(errcode);
}

/**
 * Stores an upload and returns the record.
 *
 * @example
 * ```ts
 * const upload = { bytes: Buffer.from('…'), filename: 'a.jpg', contentType: 'image/jpeg', ext: 'jpg' };
 * const media = storeUpload(state, upload, { type: 'image', permanent: false });
 * ```
 */
export function storeUpload(
  state: EmulatorState,
  upload: Upload,
  init: {
    type: StoredMedia['type'];
    permanent: boolean;
    idPrefix?: string;
    title?: string;
    introduction?: string;
  },
): StoredMedia {
  const media: StoredMedia = {
    // Real media ids are 64 URL-safe characters.
    mediaId: `${init.idPrefix ?? ''}${randomBytes(48).toString('base64url')}`,
    type: init.type,
    permanent: init.permanent,
    data: upload.bytes.toString('base64'),
    contentType: upload.contentType,
    filename: upload.filename,
    createdAt: state.now(),
    ...(init.title === undefined ? {} : { title: init.title }),
    ...(init.introduction === undefined ? {} : { introduction: init.introduction }),
  };
  state.media.set(media.mediaId, media);
  return media;
}

/**
 * Whether a stored file is still usable: permanent material and article images always, temporary media for 3 days.
 *
 * @example
 * ```ts
 * const upload = { bytes: Buffer.from('…'), filename: 'a.jpg', contentType: 'image/jpeg', ext: 'jpg' };
 * isLive(state, storeUpload(state, upload, { type: 'image', permanent: false })); // true for 3 days
 * ```
 */
export function isLive(state: EmulatorState, media: StoredMedia): boolean {
  return media.permanent || state.now() - media.createdAt < TEMPORARY_MEDIA_TTL_MS;
}

/**
 * Finds live media of the wanted kind, or 40007 (invalid media_id); 41006 when no id was given.
 *
 * @example
 * ```ts
 * const media = findMedia(state, 'MEDIA_ID', 'temporary'); // or WxError(40007)
 * ```
 */
export function findMedia(
  state: EmulatorState,
  mediaId: unknown,
  kind: 'temporary' | 'permanent' | 'any',
): StoredMedia {
  if (typeof mediaId !== 'string' || mediaId === '') fail(41006);
  const media = state.media.get(mediaId);
  if (media === undefined || !isLive(state, media)) fail(40007);
  if (kind === 'temporary' && media.permanent) fail(40007);
  if (kind === 'permanent' && (!media.permanent || isServiceImage(media.mediaId))) fail(40007);
  return media;
}

/**
 * The emulator's path of a stored file (what the page shows and a fan's PicUrl points at).
 *
 * @example
 * ```ts
 * mediaPath('abc'); // '/__emulator/media/abc'
 * ```
 */
export function mediaPath(mediaId: string): string {
  return `/__emulator/media/${encodeURIComponent(mediaId)}`;
}

/**
 * The URL the emulator serves a file at (no token needed, like WeChat's image CDN).
 *
 * @example
 * ```ts
 * mediaUrl('http://127.0.0.1:3000', 'abc'); // 'http://127.0.0.1:3000/__emulator/media/abc'
 * ```
 */
export function mediaUrl(origin: string, mediaId: string): string {
  return `${origin}${mediaPath(mediaId)}`;
}

/**
 * The file itself, with its content type and name.
 *
 * @example
 * ```ts
 * const media = state.media.get('MEDIA_ID');
 * if (media) fileResponse(media); // a 200 with the bytes, their content type and file name
 * ```
 */
export function fileResponse(media: StoredMedia): Response {
  const bytes = Buffer.from(media.data, 'base64');
  return new Response(bytes, {
    headers: {
      'content-type': media.contentType,
      'content-length': String(bytes.length),
      // WeChat sends `filename="…"`; a name that is not plain ASCII needs the RFC 5987 form instead.
      'content-disposition':
        /^[\x20-\x7e]*$/.test(media.filename) && !/["\\]/.test(media.filename)
          ? `attachment; filename="${media.filename}"`
          : `attachment; filename*=UTF-8''${encodeURIComponent(media.filename)}`,
    },
  });
}

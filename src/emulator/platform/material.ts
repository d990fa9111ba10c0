/**
 * Permanent material (reference §9.3): add (videos need a `description`), get (JSON for news and video, the file
 * otherwise), delete, count and list. Article-body images are not material and never listed.
 * @module
 */
import type { EmulatorState } from '../state.js';
import type { StoredMedia } from '../world.js';
import type { Handlers } from './core/handler.js';
import {
  checkUpload,
  fileResponse,
  findMedia,
  isServiceImage,
  mediaUrl,
  readUpload,
  storeUpload,
  uploadType,
} from './core/media-store.js';
import { fail, OK } from './core/respond.js';

/** Items per batchget_material page. */
export const MATERIAL_PAGE_MAX = 20;

function materials(state: EmulatorState): StoredMedia[] {
  return [...state.media.values()].filter((m) => m.permanent && !isServiceImage(m.mediaId));
}

function description(form: FormData | undefined): { title: string; introduction: string } {
  const raw = form?.get('description');
  try {
    const parsed = JSON.parse(typeof raw === 'string' ? raw : '') as {
      title?: unknown;
      introduction?: unknown;
    };
    if (typeof parsed.title === 'string' && parsed.title !== '') {
      return {
        title: parsed.title,
        introduction: typeof parsed.introduction === 'string' ? parsed.introduction : '',
      };
    }
  } catch {
    // falls through to the error below
  }
  return fail(40035, 'invalid args: a video needs description {"title","introduction"}');
}

/**
 * Reads `offset` and `count` (1–20) of a batchget request; 40035 otherwise.
 *
 * @example
 * ```ts
 * pageArgs({ offset: 0, count: 20 }); // { offset: 0, count: 20 }; WxError(40035) for a count above 20
 * ```
 */
export function pageArgs(body: Record<string, unknown>): { offset: number; count: number } {
  const offset = Number(body['offset'] ?? 0);
  const count = Number(body['count']);
  if (
    !Number.isInteger(offset) ||
    offset < 0 ||
    !Number.isInteger(count) ||
    count < 1 ||
    count > MATERIAL_PAGE_MAX
  ) {
    fail(40035);
  }
  return { offset, count };
}

const seconds = (ms: number) => Math.floor(ms / 1000);

function listItem(media: StoredMedia, origin: string): Record<string, unknown> {
  const updateTime = seconds(media.createdAt);
  if (media.type === 'news') {
    return {
      media_id: media.mediaId,
      content: { news_item: media.newsItems ?? [], create_time: updateTime, update_time: updateTime },
      update_time: updateTime,
    };
  }
  return {
    media_id: media.mediaId,
    name: media.filename,
    update_time: updateTime,
    ...(media.type === 'image' ? { url: media.url ?? mediaUrl(origin, media.mediaId) } : {}),
  };
}

/**
 * The handlers of the permanent-material endpoints.
 *
 * @example
 * ```ts
 * Object.keys(materialHandlers); // ['material.add', 'material.get', 'material.delete', …]
 * ```
 */
export const materialHandlers: Handlers = {
  'material.add': async ({ state, query, form, origin }) => {
    const type = uploadType(query['type']);
    const upload = await readUpload(form);
    checkUpload(upload, type, 'permanent');
    const meta = type === 'video' ? description(form) : {};
    const media = storeUpload(state, upload, { type, permanent: true, ...meta });
    if (type !== 'image') return { media_id: media.mediaId };
    media.url = mediaUrl(origin, media.mediaId);
    return { media_id: media.mediaId, url: media.url };
  },
  'material.get': ({ state, body, origin }) => {
    const media = findMedia(state, body['media_id'], 'permanent');
    if (media.type === 'news') return { news_item: media.newsItems ?? [] };
    if (media.type === 'video') {
      return {
        title: media.title ?? '',
        description: media.introduction ?? '',
        down_url: mediaUrl(origin, media.mediaId),
      };
    }
    return fileResponse(media);
  },
  'material.delete': ({ state, body }) => {
    const media = findMedia(state, body['media_id'], 'permanent');
    state.media.delete(media.mediaId);
    return OK;
  },
  'material.count': ({ state }) => {
    const all = materials(state);
    const count = (...types: StoredMedia['type'][]) => all.filter((m) => types.includes(m.type)).length;
    return {
      voice_count: count('voice'),
      video_count: count('video'),
      image_count: count('image', 'thumb'),
      news_count: count('news'),
    };
  },
  'material.batchGet': ({ state, body, origin }) => {
    const type = body['type'];
    if (type !== 'image' && type !== 'video' && type !== 'voice' && type !== 'news') fail(40004);
    const { offset, count } = pageArgs(body);
    const all = materials(state)
      .filter((m) => m.type === type)
      .sort((a, b) => b.createdAt - a.createdAt);
    const items = all.slice(offset, offset + count).map((m) => listItem(m, origin));
    return { total_count: all.length, item_count: items.length, item: items };
  },
};

/**
 * User tags (reference §9.8) in `state.tags` and each fan's `tagIds`: at most 100 tags, names of at most 30 bytes
 * and unique (45157, 45158, 45056), the reserved ids 0/1/2 untouchable (45058), at most 50 openids per batch
 * (40032) and 20 tags per fan (45059).
 * @module
 */
import type { EmulatorState } from '../state.js';
import type { Fan } from '../world.js';
import type { Handlers } from './core/handler.js';
import { openidPage } from './core/paging.js';
import { fail, OK, textOf } from './core/respond.js';

/** Ids WeChat reserves; 2 is the star group every account has. */
export const RESERVED_TAG_IDS: readonly number[] = [0, 1, 2];
/** The reserved tag tags/get lists. */
export const STAR_TAG = Object.freeze({ id: 2, name: '星标组' });
/** Tags per account. */
export const MAX_TAGS = 100;
/** Bytes of a tag name (UTF-8). */
export const TAG_NAME_BYTES = 30;
/** Openids per batch (un)tagging call. */
export const TAG_BATCH_SIZE = 50;
/** Tags one fan can carry. */
export const MAX_TAGS_PER_FAN = 20;

/**
 * Whether a tag id names a tag fans can carry (a created tag or the star group).
 *
 * @example
 * ```ts
 * tagExists(state, 2); // true
 * ```
 */
export function tagExists(state: EmulatorState, id: number): boolean {
  return state.tags.has(id) || id === STAR_TAG.id;
}

function tagOf(body: Record<string, unknown>): Record<string, unknown> {
  const tag = body['tag'];
  if (typeof tag !== 'object' || tag === null) fail(47001);
  return tag as Record<string, unknown>;
}

function checkName(state: EmulatorState, name: unknown, exceptId?: number): string {
  if (typeof name !== 'string' || name.trim() === '') fail(45157);
  if (Buffer.byteLength(name, 'utf8') > TAG_NAME_BYTES) fail(45158);
  const taken =
    name === STAR_TAG.name || [...state.tags.values()].some((t) => t.name === name && t.id !== exceptId);
  if (taken) fail(45157);
  return name;
}

function existingId(state: EmulatorState, id: unknown): number {
  const n = Number(id);
  if (RESERVED_TAG_IDS.includes(n)) fail(45058);
  if (!Number.isInteger(n) || !state.tags.has(n)) fail(45159);
  return n;
}

function fansOf(state: EmulatorState, body: Record<string, unknown>): Fan[] {
  const list = body['openid_list'];
  if (!Array.isArray(list) || list.length === 0 || list.length > TAG_BATCH_SIZE) fail(40032);
  return list.map((openid) => state.fans.get(String(openid)) ?? fail(40003));
}

function taggable(state: EmulatorState, id: unknown): number {
  const n = Number(id);
  if (!Number.isInteger(n) || !tagExists(state, n)) fail(45159);
  return n;
}

const countOf = (state: EmulatorState, id: number) =>
  [...state.fans.values()].filter((f) => f.tagIds.includes(id)).length;

/**
 * The handlers of the tag endpoints.
 *
 * @example
 * ```ts
 * Object.keys(tagHandlers); // ['tag.create', 'tag.list', 'tag.update', 'tag.delete', 'tag.members', …]
 * ```
 */
export const tagHandlers: Handlers = {
  'tag.create': ({ state, body }) => {
    const name = checkName(state, tagOf(body)['name']);
    if (state.tags.size >= MAX_TAGS) fail(45056);
    // WeChat's own tags take the low ids; created tags start at 100.
    const id = Math.max(99, ...state.tags.keys()) + 1;
    state.tags.set(id, { id, name });
    state.emit('change', 'fans');
    return { tag: { id, name } };
  },
  'tag.list': ({ state }) => ({
    tags: [STAR_TAG, ...[...state.tags.values()].sort((a, b) => a.id - b.id)].map((t) => ({
      ...t,
      count: countOf(state, t.id),
    })),
  }),
  'tag.update': ({ state, body }) => {
    const tag = tagOf(body);
    const id = existingId(state, tag['id']);
    state.tags.set(id, { id, name: checkName(state, tag['name'], id) });
    state.emit('change', 'fans');
    return OK;
  },
  'tag.delete': ({ state, body }) => {
    const id = existingId(state, tagOf(body)['id']);
    state.tags.delete(id);
    for (const fan of state.fans.values()) fan.tagIds = fan.tagIds.filter((t) => t !== id);
    state.emit('change', 'fans');
    return OK;
  },
  'tag.members': ({ state, body }) => {
    const id = taggable(state, body['tagid']);
    const openids = [...state.fans.values()]
      .filter((f) => f.following && f.tagIds.includes(id))
      .map((f) => f.openid);
    return openidPage(openids, body['next_openid']);
  },
  'tag.batchTagging': ({ state, body }) => {
    const id = taggable(state, body['tagid']);
    const fans = fansOf(state, body);
    // All or nothing: check every fan before tagging any.
    if (fans.some((f) => !f.tagIds.includes(id) && f.tagIds.length >= MAX_TAGS_PER_FAN)) fail(45059);
    for (const fan of fans) if (!fan.tagIds.includes(id)) fan.tagIds.push(id);
    state.emit('change', 'fans');
    return OK;
  },
  'tag.batchUntagging': ({ state, body }) => {
    const id = taggable(state, body['tagid']);
    for (const fan of fansOf(state, body)) fan.tagIds = fan.tagIds.filter((t) => t !== id);
    state.emit('change', 'fans');
    return OK;
  },
  'tag.idList': ({ state, body }) => {
    const fan = state.fans.get(textOf(body['openid'])) ?? fail(40003);
    return { tagid_list: fan.tagIds };
  },
};

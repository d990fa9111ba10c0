/**
 * What goes with mass sends besides the sends: the speed level (message/mass/speed/get|set) and the video a mass
 * `mpvideo` send takes (media/uploadvideo: a stored video with the title and description to show).
 * @module
 */
import type { EmulatorState } from '../state.js';
import type { Handlers } from './core/handler.js';
import { findMedia } from './core/media-store.js';
import { fail, OK, textOf } from './core/respond.js';

/** Messages a minute of each speed level, in ten-thousands (the documentation's table: 80w/分钟 … 10w/分钟). */
export const MASS_SPEEDS: readonly number[] = [80, 60, 45, 30, 10];

function speedSlot(state: EmulatorState): { speed: number } {
  return state.slot('massSpeed', () => ({ speed: 0 }));
}

/**
 * The handlers of the mass-send speed and the mass video.
 *
 * @example
 * ```ts
 * Object.keys(massSettingHandlers); // ['mass.getSpeed', 'mass.setSpeed', 'mass.uploadVideo']
 * ```
 */
export const massSettingHandlers: Handlers = {
  'mass.getSpeed': ({ state }) => {
    const { speed } = speedSlot(state);
    return { speed, realspeed: MASS_SPEEDS[speed] };
  },
  'mass.setSpeed': ({ state, body }) => {
    if (body['speed'] === undefined) fail(45084);
    const speed = Number(body['speed']);
    if (!Number.isInteger(speed) || speed < 0 || speed >= MASS_SPEEDS.length) fail(45083);
    speedSlot(state).speed = speed;
    return OK;
  },
  // A new media_id for the same video, carrying the title and description the mass send shows.
  'mass.uploadVideo': ({ state, body }) => {
    const video = findMedia(state, body['media_id'], 'any');
    if (video.type !== 'video') fail(40007);
    const mediaId = state.id('massvideo');
    const createdAt = state.now();
    state.media.set(mediaId, {
      ...video,
      mediaId,
      permanent: false,
      createdAt,
      title: textOf(body['title']),
      introduction: textOf(body['description']),
    });
    return { type: 'video', media_id: mediaId, created_at: Math.floor(createdAt / 1000) };
  },
};

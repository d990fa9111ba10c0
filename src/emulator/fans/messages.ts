/**
 * The fan's messages: text (also a tap on a `msgmenu` item), image, voice, video, location and link, each shown
 * as the fan's bubble and pushed as WeChat's XML.
 * @module
 */
import { inbound } from '../../push/inbound.js';
import { cdata } from '../../xml/build.js';
import { PLACEHOLDER_THUMB, storeFanFile } from '../media.js';
import { mediaPath } from '../push.js';
import type { FanActions } from './action-types.js';
import type { FanActionContext } from './context.js';

/** The fan actions that send a message. */
export type MessageActions = Pick<FanActions, 'text' | 'image' | 'voice' | 'video' | 'location' | 'link'>;

/**
 * The fan actions that send a message, on a context.
 *
 * @example
 * ```ts
 * const { text } = messageActions(fanActionContext(state, push));
 * await text('oWxmpDefaultFan000000000001', 'hello');
 * ```
 */
export function messageActions(context: FanActionContext): MessageActions {
  const { state, fanOf, parties, message, sendImage } = context;
  return {
    text: async (openid, content, options = {}) => {
      const fan = fanOf(openid);
      const xml = inbound.text(parties(fan), content);
      // WeChat adds the lower-case bizmsgmenuid to the text of a msgmenu tap.
      const tagged =
        options.bizMsgMenuId === undefined
          ? xml
          : xml.replace(/<\/xml>$/, `<bizmsgmenuid>${cdata(options.bizMsgMenuId)}</bizmsgmenuid></xml>`);
      return message(fan, 'text', { content }, tagged);
    },
    image: async (openid, file) => sendImage(fanOf(openid), file),
    voice: async (openid, file) => {
      const fan = fanOf(openid);
      const media = storeFanFile(state, 'voice', file);
      const ext = /\.(amr|speex|mp3|wav|m4a|ogg)$/i.exec(file.filename)?.[1]?.toLowerCase() ?? 'amr';
      const xml = inbound.voice(parties(fan), { mediaId: media.mediaId, format: ext });
      return message(
        fan,
        'voice',
        { mediaId: media.mediaId, url: mediaPath(media.mediaId), format: ext },
        xml,
      );
    },
    video: async (openid, file, thumb) => {
      const fan = fanOf(openid);
      const media = storeFanFile(state, 'video', file);
      const thumbMedia = storeFanFile(state, 'thumb', thumb ?? PLACEHOLDER_THUMB);
      const xml = inbound.video(parties(fan), { mediaId: media.mediaId, thumbMediaId: thumbMedia.mediaId });
      const payload = {
        mediaId: media.mediaId,
        url: mediaPath(media.mediaId),
        thumbMediaId: thumbMedia.mediaId,
        thumbUrl: mediaPath(thumbMedia.mediaId),
      };
      return message(fan, 'video', payload, xml);
    },
    location: async (openid, place) => {
      const fan = fanOf(openid);
      const xml = inbound.location(parties(fan), {
        latitude: place.latitude,
        longitude: place.longitude,
        scale: place.scale ?? 15,
        label: place.label ?? '',
      });
      return message(fan, 'location', { ...place, scale: place.scale ?? 15, label: place.label ?? '' }, xml);
    },
    link: async (openid, link) => {
      const fan = fanOf(openid);
      const xml = inbound.link(parties(fan), {
        title: link.title,
        description: link.description ?? '',
        url: link.url,
      });
      return message(
        fan,
        'link',
        { title: link.title, description: link.description ?? '', url: link.url },
        xml,
      );
    },
  };
}

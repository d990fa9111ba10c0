/**
 * The fan's messages: text (also a tap on a `msgmenu` item), image, voice, video, location and link, each shown
 * as the fan's bubble and pushed as WeChat's XML.
 * @module
 */
import { inbound } from '../../push/inbound.js';
import { cdata } from '../../xml/build.js';
import type { ActionResult, FanActions, FanFile, FanLink, FanPlace } from './action-types.js';
import { PLACEHOLDER_THUMB, storeFanFile } from './files.js';
import type { FanActionContext } from './context.js';

/** The fan actions that send a message. */
export type MessageActions = Pick<FanActions, 'text' | 'image' | 'voice' | 'video' | 'location' | 'link'>;

/** The formats a voice message may have; a file with another name is sent as amr. */
const VOICE_FORMAT = /\.(amr|speex|mp3|wav|m4a|ogg)$/i;

async function sendText(
  c: FanActionContext,
  openid: string,
  content: string,
  bizMsgMenuId?: string,
): Promise<ActionResult> {
  const fan = c.fanOf(openid);
  const xml = inbound.text(c.parties(fan), content);
  // WeChat adds the lower-case bizmsgmenuid to the text of a msgmenu tap.
  const tagged =
    bizMsgMenuId === undefined
      ? xml
      : xml.replace(/<\/xml>$/, `<bizmsgmenuid>${cdata(bizMsgMenuId)}</bizmsgmenuid></xml>`);
  return c.message(fan, { msgType: 'text', payload: { content } }, tagged);
}

async function sendVoice(c: FanActionContext, openid: string, file: FanFile): Promise<ActionResult> {
  const fan = c.fanOf(openid);
  const voice = storeFanFile(c.state, 'voice', file);
  const format = VOICE_FORMAT.exec(file.filename)?.[1]?.toLowerCase() ?? 'amr';
  const xml = inbound.voice(c.parties(fan), { mediaId: voice.mediaId, format });
  return c.message(fan, { msgType: 'voice', payload: { ...voice, format } }, xml);
}

async function sendVideo(
  c: FanActionContext,
  openid: string,
  file: FanFile,
  thumb?: FanFile,
): Promise<ActionResult> {
  const fan = c.fanOf(openid);
  const video = storeFanFile(c.state, 'video', file);
  const poster = storeFanFile(c.state, 'thumb', thumb ?? PLACEHOLDER_THUMB);
  const xml = inbound.video(c.parties(fan), { mediaId: video.mediaId, thumbMediaId: poster.mediaId });
  const payload = { ...video, thumbMediaId: poster.mediaId, thumbUrl: poster.url };
  return c.message(fan, { msgType: 'video', payload }, xml);
}

async function sendLocation(c: FanActionContext, openid: string, place: FanPlace): Promise<ActionResult> {
  const fan = c.fanOf(openid);
  const shown = {
    latitude: place.latitude,
    longitude: place.longitude,
    scale: place.scale ?? 15,
    label: place.label ?? '',
  };
  return c.message(fan, { msgType: 'location', payload: shown }, inbound.location(c.parties(fan), shown));
}

async function sendLink(c: FanActionContext, openid: string, link: FanLink): Promise<ActionResult> {
  const fan = c.fanOf(openid);
  const shown = { title: link.title, description: link.description ?? '', url: link.url };
  return c.message(fan, { msgType: 'link', payload: shown }, inbound.link(c.parties(fan), shown));
}

/**
 * The fan actions that send a message, on a context.
 *
 * @example
 * ```ts
 * import { createPusher } from '../push.js';
 * import { fanActionContext } from './context.js';
 * const { text } = messageActions(fanActionContext(state, createPusher(state)));
 * await text('oWxmpDefaultFan000000000001', 'hello');
 * ```
 */
export function messageActions(context: FanActionContext): MessageActions {
  return {
    text: (openid, content, options = {}) => sendText(context, openid, content, options.bizMsgMenuId),
    image: async (openid, file) => context.sendImage(context.fanOf(openid), file),
    voice: async (openid, file) => sendVoice(context, openid, file),
    video: async (openid, file, thumb) => sendVideo(context, openid, file, thumb),
    location: async (openid, place) => sendLocation(context, openid, place),
    link: async (openid, link) => sendLink(context, openid, link),
  };
}

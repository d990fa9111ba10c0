/**
 * The message `wxmp send <type> [args...]` pushes: WeChat's XML for each type, from the arguments and flags, with
 * what each type and event needs checked first.
 * @module
 */
import { configError } from '../../config.js';
import { inbound, type Parties } from '../../push/inbound.js';
import type { XmlInputElement } from '../../xml/build.js';
import { numberFlag, requireFlag } from './flags.js';

/** The message types `wxmp send` can push. */
export const SEND_TYPES = [
  'text',
  'image',
  'voice',
  'video',
  'shortvideo',
  'location',
  'link',
  'event',
] as const;
/** One of {@link SEND_TYPES}. */
export type SendType = (typeof SEND_TYPES)[number];

/** Events whose names WeChat spells in a fixed case (`CLICK`, but `subscribe`). */
const EVENT_NAMES = [
  'subscribe',
  'unsubscribe',
  'SCAN',
  'LOCATION',
  'CLICK',
  'VIEW',
  'view_miniprogram',
  'scancode_push',
  'scancode_waitmsg',
  'pic_sysphoto',
  'pic_photo_or_album',
  'pic_weixin',
  'location_select',
  'TEMPLATESENDJOBFINISH',
  'MASSSENDJOBFINISH',
  'PUBLISHJOBFINISH',
];

/** The per-type flags of `wxmp send <type>`. */
export interface MessageFlags {
  mediaId?: string | undefined;
  picUrl?: string | undefined;
  format?: string | undefined;
  thumbMediaId?: string | undefined;
  lat?: string | undefined;
  lng?: string | undefined;
  scale?: string | undefined;
  label?: string | undefined;
  title?: string | undefined;
  description?: string | undefined;
  key?: string | undefined;
  ticket?: string | undefined;
  precision?: string | undefined;
  menuId?: string | undefined;
}

function latLng(flags: MessageFlags, what: string): { latitude: number; longitude: number } {
  return {
    latitude: numberFlag(requireFlag(flags.lat, '--lat', what), '--lat', -90, 90),
    longitude: numberFlag(requireFlag(flags.lng, '--lng', what), '--lng', -180, 180),
  };
}

/**
 * Builds the fields of an event from the flags, checking what each event needs; names are case-sensitive.
 *
 * @example
 * ```ts
 * eventFields('CLICK', { key: 'V1001_GOOD' }); // { EventKey: 'V1001_GOOD' }
 * ```
 */
export function eventFields(name: string, flags: MessageFlags): XmlInputElement {
  const canonical = EVENT_NAMES.find((known) => known.toLowerCase() === name.toLowerCase());
  if (canonical !== undefined && canonical !== name) {
    configError('event name', `is case-sensitive: WeChat sends "${canonical}", not "${name}"`);
  }
  if (!/^[\w.-]{1,64}$/.test(name)) configError('event name', `must be letters, digits or _ (got "${name}")`);
  const what = `send event ${name}`;
  switch (name) {
    case 'subscribe':
      return { EventKey: flags.key, Ticket: flags.ticket };
    case 'unsubscribe':
      return {};
    case 'SCAN':
      return {
        EventKey: requireFlag(flags.key, '--key', `${what} (the scene value)`),
        Ticket: flags.ticket ?? 'TICKET_FROM_WXMP_CLI',
      };
    case 'CLICK':
      return { EventKey: requireFlag(flags.key, '--key', `${what} (the button key)`) };
    case 'VIEW':
      return { EventKey: requireFlag(flags.key, '--key', `${what} (the URL)`), MenuId: flags.menuId };
    case 'LOCATION': {
      const { latitude, longitude } = latLng(flags, what);
      const precision =
        flags.precision === undefined ? 30 : numberFlag(flags.precision, '--precision', 0, 1e6);
      return { Latitude: latitude, Longitude: longitude, Precision: precision };
    }
    default:
      return { EventKey: flags.key, Ticket: flags.ticket, MenuId: flags.menuId };
  }
}

/**
 * Builds the XML WeChat would push for `wxmp send <type> [args...]`.
 *
 * @example
 * ```ts
 * buildMessage('text', ['你好'], {}, { from: 'oFan', to: 'gh_1' });
 * buildMessage('event', ['CLICK'], { key: 'V1001' }, { from: 'oFan', to: 'gh_1' });
 * ```
 */
export function buildMessage(
  type: SendType,
  args: readonly string[],
  flags: MessageFlags,
  parties: Parties,
): string {
  const what = `send ${type}`;
  switch (type) {
    case 'text':
      if (args.length === 0) configError('send text', 'needs the content, e.g. wxmp send text "你好"');
      return inbound.text(parties, args.join(' '));
    case 'image':
      return inbound.image(parties, {
        mediaId: requireFlag(flags.mediaId, '--media-id', what),
        picUrl: flags.picUrl ?? 'http://mmbiz.qpic.cn/mmbiz_jpg/wxmp-cli/0',
      });
    case 'voice':
      return inbound.voice(parties, {
        mediaId: requireFlag(flags.mediaId, '--media-id', what),
        format: flags.format ?? 'amr',
      });
    case 'video':
    case 'shortvideo':
      return inbound[type](parties, {
        mediaId: requireFlag(flags.mediaId, '--media-id', what),
        thumbMediaId: requireFlag(flags.thumbMediaId, '--thumb-media-id', what),
      });
    case 'location':
      return inbound.location(parties, {
        ...latLng(flags, what),
        scale: flags.scale === undefined ? 15 : numberFlag(flags.scale, '--scale', 1, 30, true),
        label: flags.label ?? '',
      });
    case 'link': {
      const url = args[0];
      if (url === undefined)
        configError('send link', 'needs the link, e.g. wxmp send link https://example.com --title T');
      return inbound.link(parties, {
        url,
        title: requireFlag(flags.title, '--title', what),
        ...(flags.description !== undefined ? { description: flags.description } : {}),
      });
    }
    case 'event': {
      const name = args[0];
      if (name === undefined)
        configError('send event', 'needs the event name, e.g. wxmp send event subscribe');
      return inbound.event(parties, name, eventFields(name, flags));
    }
  }
}

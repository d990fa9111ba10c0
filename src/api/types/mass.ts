/**
 * Mass-message (群发) shapes (reference §9.6).
 * @module
 */
import type { BaseResponse, Id64 } from './common.js';

/**
 * What a mass message carries: `msgtype` names the field with the payload.
 */
export type MassPayload =
  | { msgtype: 'mpnews'; mpnews: { media_id: string } }
  | { msgtype: 'text'; text: { content: string } }
  | { msgtype: 'voice'; voice: { media_id: string } }
  | {
      msgtype: 'image';
      images: {
        media_ids: string[];
        recommend?: string;
        need_open_comment?: 0 | 1;
        only_fans_can_comment?: 0 | 1;
      };
    }
  | { msgtype: 'mpvideo'; mpvideo: { media_id: string } }
  | { msgtype: 'wxcard'; wxcard: { card_id: string } };

/**
 * Options shared by sendall and send.
 */
export interface MassOptions {
  /** 1: go on when an article is judged a reprint. */
  send_ignore_reprint?: 0 | 1;
  /** De-duplicates resends of the same job. */
  clientmsgid?: string;
}

/**
 * The body of message/mass/sendall (to everyone, or to a tag).
 */
export type MassSendAllRequest = MassPayload &
  MassOptions & { filter: { is_to_all: boolean; tag_id?: number } };

/**
 * The body of message/mass/send (2–10 000 openids).
 */
export type MassSendRequest = MassPayload & MassOptions & { touser: string[] };

/**
 * The body of message/mass/preview: to one openid or one WeChat id.
 */
export type MassPreviewRequest = MassPayload & ({ touser: string } | { towxname: string });

/**
 * The answer of sendall/send: a submission only; the result arrives as MASSSENDJOBFINISH.
 *
 * @example
 * ```ts
 * const { msg_id } = await client.mass.send({ touser: ['O1', 'O2'], msgtype: 'text', text: { content: 'Hi' } });
 * ```
 */
export interface MassSendResponse extends BaseResponse {
  msg_id: Id64;
  msg_data_id?: Id64;
}

/**
 * The body of message/mass/delete; `article_idx` 0 or omitted deletes every article.
 */
export interface MassDeleteRequest {
  msg_id: Id64;
  article_idx?: number;
}

/**
 * The body of message/mass/get.
 */
export interface MassGetRequest {
  msg_id: Id64;
}

/**
 * The answer of message/mass/get.
 *
 * @example
 * ```ts
 * const { msg_status } = await client.mass.get('201053012'); // 'SEND_SUCCESS'
 * ```
 */
export interface MassGetResponse extends BaseResponse {
  msg_id: Id64;
  msg_status: string;
}

/**
 * The mass-send speed: `speed` 0 (the fastest, 800 000 messages a minute) to 4 (100 000 a minute); `realspeed`
 * the messages a minute it means, in ten-thousands (80, 60, 45, 30, 10).
 *
 * @example
 * ```ts
 * const { speed, realspeed } = await client.mass.getSpeed(); // e.g. 0 and 80 (800 000 a minute)
 * ```
 */
export interface MassSpeed extends BaseResponse {
  speed: number;
  realspeed: number;
}

/**
 * The body of media/uploadvideo: a video's media_id (temporary or permanent) with the title and description the
 * mass send shows.
 *
 * @example
 * ```ts
 * const { media_id } = await client.mass.uploadVideo({ media_id: 'VIDEO_MEDIA_ID', title: '发布会', description: '回放' });
 * ```
 */
export interface MassVideoRequest {
  media_id: string;
  title: string;
  description: string;
}

/**
 * The answer of media/uploadvideo: the media_id to send as `mpvideo`.
 *
 * @example
 * ```ts
 * const { media_id } = await client.mass.uploadVideo({ media_id: 'V', title: 't', description: 'd' });
 * await client.mass.send({ touser: ['O1', 'O2'], msgtype: 'mpvideo', mpvideo: { media_id } });
 * ```
 */
export interface MassVideoResponse extends BaseResponse {
  type: 'video';
  media_id: string;
  created_at: number;
}

/**
 * Mass messages (群发): submit to everyone or a tag, to a list of openids, or as a preview; delete and check status.
 * Submissions are answered at once; the result arrives later as MASSSENDJOBFINISH.
 * @see https://developers.weixin.qq.com/doc/service/api/notify/message/api_sendall.html
 * @module
 */
import type { Id64 } from '../types/common.js';
import { WeChatError } from '../../errors.js';
import type {
  MassPreviewRequest,
  MassSendAllRequest,
  MassSendRequest,
  MassVideoRequest,
} from '../types/mass.js';
import type { ResourceContext } from './context.js';

/**
 * The mass-message group of the client.
 *
 * @example
 * ```ts
 * const { msg_id } = await client.mass.send({ touser: ['O1', 'O2'], msgtype: 'text', text: { content: 'Hi' } });
 * ```
 */
export function createMassApi({ call }: ResourceContext) {
  return {
    /**
     * Sends to all followers or to one tag (POST /cgi-bin/message/mass/sendall); 100 submissions a day.
     * @see https://developers.weixin.qq.com/doc/service/api/notify/message/api_sendall.html
     */
    sendAll(request: MassSendAllRequest) {
      return call('mass.sendAll', request);
    },
    /**
     * Sends to 2–10 000 openids (POST /cgi-bin/message/mass/send).
     * @see https://developers.weixin.qq.com/doc/service/api/notify/message/api_masssend.html
     */
    send(request: MassSendRequest) {
      return call('mass.send', request);
    },
    /**
     * Sends a preview to one openid or WeChat id (POST /cgi-bin/message/mass/preview).
     * @see https://developers.weixin.qq.com/doc/service/api/notify/message/api_preview.html
     */
    preview(request: MassPreviewRequest) {
      return call('mass.preview', request);
    },
    /**
     * Deletes a sent mass message, or one article of it (`articleIdx` 1-based; omitted = all)
     * (POST /cgi-bin/message/mass/delete). `msgId` travels as a JSON integer without losing precision.
     * @see https://developers.weixin.qq.com/doc/service/api/notify/message/api_deletemassmsg.html
     */
    delete(msgId: Id64, articleIdx?: number) {
      return call(
        'mass.delete',
        articleIdx === undefined ? { msg_id: msgId } : { msg_id: msgId, article_idx: articleIdx },
      );
    },
    /**
     * The status of a mass message, e.g. `SEND_SUCCESS` (POST /cgi-bin/message/mass/get).
     * @see https://developers.weixin.qq.com/doc/service/api/notify/message/api_massmsgget.html
     */
    get(msgId: Id64) {
      return call('mass.get', { msg_id: msgId });
    },
    /**
     * The mass-send speed level and what it means in messages a minute (POST /cgi-bin/message/mass/speed/get).
     * @see https://developers.weixin.qq.com/doc/service/api/notify/message/api_getspeed.html
     */
    getSpeed() {
      return call('mass.getSpeed');
    },
    /**
     * Sets the mass-send speed: 0 (800 000 a minute, the fastest) to 4 (100 000 a minute)
     * (POST /cgi-bin/message/mass/speed/set).
     * @see https://developers.weixin.qq.com/doc/service/api/notify/message/api_setspeed.html
     */
    async setSpeed(speed: 0 | 1 | 2 | 3 | 4) {
      if (!Number.isInteger(speed) || speed < 0 || speed > 4)
        throw new WeChatError(
          'REQUEST_INVALID',
          `The mass-send speed is a level from 0 to 4 (got ${speed})`,
          {
            hint: '0 is the fastest (800 000 a minute), 4 the slowest (WeChat answers 45083 otherwise)',
          },
        );
      return call('mass.setSpeed', { speed });
    },
    /**
     * Turns a video into the media_id an `mpvideo` mass send takes, with its title and description
     * (POST /cgi-bin/media/uploadvideo); never repeated after an unknown outcome.
     * @see https://developers.weixin.qq.com/doc/offiaccount/Message_Management/Batch_Sends_and_Originality_Checks.html
     */
    uploadVideo(request: MassVideoRequest) {
      return call('mass.uploadVideo', request);
    },
  };
}

/**
 * The type of `client.mass`.
 */
export type MassApi = ReturnType<typeof createMassApi>;

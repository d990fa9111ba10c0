/**
 * Rows of the 智能接口 area: the image-recognition endpoints under `/cv/` (a multipart POST whose picture is the
 * field `img`, or `img_url` in the query), and the AI open interfaces under `/cgi-bin/media/voice/` (the audio or
 * the text is the raw body, everything else in the query).
 * @module
 */
import { API_DOC, post, read, type RowsOf } from './row.js';

const OPENPOC = `${API_DOC}openpoc/`;
// Recognising the same picture again changes nothing, so a retry after a network failure is harmless.
const recognise = (path: string, page: string, query: string[] = []) =>
  post(path, `${OPENPOC}${page}`, { ...read, request: 'multipart', query: ['img_url', ...query] });

/**
 * The OCR and image rows.
 *
 * @example
 * ```ts
 * intelligenceRows['ocr.idCard'].query; // ['img_url', 'type']
 * ```
 */
export const intelligenceRows = {
  'ocr.idCard': recognise('/cv/ocr/idcard', 'ocr/api_idcardocr.html', ['type']),
  'ocr.bankCard': recognise('/cv/ocr/bankcard', 'ocr/api_bankcardocr.html'),
  'ocr.driving': recognise('/cv/ocr/driving', 'ocr/api_drivingocr.html'),
  'ocr.drivingLicense': recognise('/cv/ocr/drivinglicense', 'ocr/api_drivinglicenseocr.html'),
  'ocr.bizLicense': recognise('/cv/ocr/bizlicense', 'ocr/api_bizlicenseocr.html'),
  'ocr.comm': recognise('/cv/ocr/comm', 'ocr/api_commocr.html'),
  'ocr.menu': recognise('/cv/ocr/menu', 'ocr/api_menuocr.html'),
  'img.aiCrop': recognise('/cv/img/aicrop', 'image/api_imgaicrop.html', ['ratios']),
  'img.qrcode': recognise('/cv/img/qrcode', 'image/api_imgqrcode.html'),
} satisfies RowsOf<'ocr' | 'img'>;

const AI = `${OPENPOC}ai/`;

/**
 * The AI rows: voice to text (submit, then read the result) and translation. Submitting the same `voice_id` again
 * replaces its audio and translating is a pure function, so all three may be retried.
 *
 * @example
 * ```ts
 * aiRows['ai.translate'].rawBody; // { field: 'content', contentType: 'text/plain; charset=utf-8' }
 * ```
 */
export const aiRows = {
  // The current page shows the audio as a form field `media`; the earlier page, wechatpy and EasyWeChat send it as
  // the body itself ("语音内容放body里"), which WeChat accepts: wxmp sends the body, the emulator reads either.
  'ai.submitVoice': post(
    '/cgi-bin/media/voice/addvoicetorecofortext',
    `${AI}api_addvoicetorecofortext.html`,
    {
      ...read,
      request: 'raw',
      rawBody: { field: 'voice', contentType: 'audio/mpeg' },
    },
  ),
  'ai.queryVoiceResult': post(
    '/cgi-bin/media/voice/queryrecoresultfortext',
    `${AI}api_queryrecoresultfortext.html`,
    { ...read, request: 'query' },
  ),
  'ai.translate': post('/cgi-bin/media/voice/translatecontent', `${AI}api_translatecontent.html`, {
    ...read,
    request: 'raw',
    rawBody: { field: 'content', contentType: 'text/plain; charset=utf-8' },
  }),
} satisfies RowsOf<'ai'>;

/**
 * WeChat's AI open interfaces (智能接口 · AI开放接口): voice to text in two steps (submit an mp3, then read the text
 * within 10 s) and text translation between Chinese and English. Each sends its content as the raw request body.
 * @see https://developers.weixin.qq.com/doc/service/api/openpoc/ai/api_addvoicetorecofortext.html
 * @module
 */
import type { BaseResponse, Io } from './common.js';

/**
 * The languages of the AI interfaces: Mandarin Chinese or English.
 *
 * @example
 * ```ts
 * const lang: AiLanguage = 'en_US';
 * const { result } = await client.ai.queryVoiceResult('order-42', lang);
 * ```
 */
export type AiLanguage = 'zh_CN' | 'en_US';

/**
 * The request of `media/voice/addvoicetorecofortext`: the audio (mp3, 16 kHz, mono, at most 1 MB) is the body;
 * `format`, `voice_id` and `lang` go in the query.
 *
 * @example
 * ```ts
 * import { readFile } from 'node:fs/promises';
 * const request: SubmitVoiceRequest = { voice_id: 'order-42', format: 'mp3', voice: await readFile('a.mp3') };
 * await client.call('ai.submitVoice', request);
 * ```
 */
export interface SubmitVoiceRequest {
  /** Your id of this recording, used again to read its text. */
  voice_id: string;
  /** The only format WeChat takes. */
  format: 'mp3';
  /** The spoken language; WeChat's default is `zh_CN`. */
  lang?: AiLanguage;
  /** The mp3 bytes, sent as the body. */
  voice: Uint8Array | ArrayBuffer | Blob;
}

/**
 * The request of `media/voice/queryrecoresultfortext` (all in the query).
 *
 * @example
 * ```ts
 * const { result } = await client.ai.queryVoiceResult('order-42');
 * ```
 */
export interface VoiceResultRequest {
  voice_id: string;
  lang?: AiLanguage;
}

/**
 * The request of `media/voice/translatecontent`: the text (UTF-8, at most 600 bytes) is the body; the languages go
 * in the query.
 *
 * @example
 * ```ts
 * const request: TranslateRequest = { lfrom: 'zh_CN', lto: 'en_US', content: '你好' };
 * const { to_content } = await client.call('ai.translate', request);
 * ```
 */
export interface TranslateRequest {
  lfrom: AiLanguage;
  lto: AiLanguage;
  /** The source text, sent as the body. */
  content: string;
}

/**
 * A translation: the source text and its translation.
 *
 * @example
 * ```ts
 * const { to_content } = await client.ai.translate('你好', 'zh_CN', 'en_US'); // 'Hello'
 * ```
 */
export interface TranslateResponse extends BaseResponse {
  from_content: string;
  to_content: string;
}

/**
 * Request and response of the three AI endpoints, by table name.
 */
export interface AiEndpoints {
  'ai.submitVoice': Io<SubmitVoiceRequest, BaseResponse>;
  'ai.queryVoiceResult': Io<VoiceResultRequest, BaseResponse & { result: string }>;
  'ai.translate': Io<TranslateRequest, TranslateResponse>;
}

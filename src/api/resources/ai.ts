/**
 * WeChat's AI open interfaces (智能接口 · AI开放接口): speech to text in two steps and Chinese–English translation.
 * The audio and the text travel as the raw request body (the table's `raw` request kind).
 * @see https://developers.weixin.qq.com/doc/service/api/openpoc/ai/api_addvoicetorecofortext.html
 * @module
 */
import type { AiLanguage } from '../types/ai.js';
import type { ResourceContext } from './context.js';

/**
 * The AI group of the client.
 *
 * @example
 * ```ts
 * import { readFile } from 'node:fs/promises';
 * await client.ai.submitVoice('order-42', await readFile('question.mp3'));
 * const { result } = await client.ai.queryVoiceResult('order-42'); // within 10 s of the upload
 * const { to_content } = await client.ai.translate(result, 'zh_CN', 'en_US');
 * ```
 */
export function createAiApi({ call }: ResourceContext) {
  return {
    /**
     * Submits a recording for speech recognition (POST /cgi-bin/media/voice/addvoicetorecofortext): mp3, 16 kHz,
     * mono, at most 1 MB, sent as the body under your `voiceId`; 40010 for an empty or larger file.
     * @see https://developers.weixin.qq.com/doc/service/api/openpoc/ai/api_addvoicetorecofortext.html
     */
    submitVoice(voiceId: string, voice: Uint8Array | ArrayBuffer | Blob, lang?: AiLanguage) {
      const request = { voice_id: voiceId, format: 'mp3' as const, voice };
      return call('ai.submitVoice', lang === undefined ? request : { ...request, lang });
    },
    /**
     * The text of a submitted recording (POST /cgi-bin/media/voice/queryrecoresultfortext); ask within 10 s of
     * submitting it.
     * @see https://developers.weixin.qq.com/doc/service/api/openpoc/ai/api_queryrecoresultfortext.html
     */
    queryVoiceResult(voiceId: string, lang?: AiLanguage) {
      return call(
        'ai.queryVoiceResult',
        lang === undefined ? { voice_id: voiceId } : { voice_id: voiceId, lang },
      );
    },
    /**
     * Translates text between Chinese and English (POST /cgi-bin/media/voice/translatecontent): at most 600 bytes
     * of UTF-8 (about 200 Chinese characters), sent as the body; 40035 beyond.
     * @see https://developers.weixin.qq.com/doc/service/api/openpoc/ai/api_translatecontent.html
     */
    translate(content: string, from: AiLanguage, to: AiLanguage) {
      return call('ai.translate', { lfrom: from, lto: to, content });
    },
  };
}

/**
 * The type of `client.ai`.
 */
export type AiApi = ReturnType<typeof createAiApi>;

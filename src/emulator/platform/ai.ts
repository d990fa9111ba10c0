/**
 * The AI open interfaces (智能接口 · AI开放接口, slot `aiVoices`): speech to text in two steps and translation. The
 * emulator recognises no speech and translates no text: it checks each request as the pages say and answers a
 * marked sample, so a bot's flow (submit, read within 10 s, translate) runs offline. Codes: 40010 an empty recording
 * or one over 1 MB, 40035 translation text empty or over 600 bytes or a language other than zh_CN/en_US (the pages'
 * codes); the emulator's own choices where the pages name none: 47003 a missing voice_id or lfrom/lto, 40005 a
 * format other than mp3 or bytes that are not mp3 (such as the AMR of a fan's voice message), 47003 a result asked
 * for an unknown voice_id or more than 10 s after its upload.
 * @module
 */
import type { EmulatorState } from '../state.js';
import type { Call, Handlers } from './core/handler.js';
import { fail, OK } from './core/respond.js';

/** The page's limits: a recording of at most 1 MB, text of at most 600 bytes, a result read within 10 s. */
export const AI_LIMITS = Object.freeze({ voiceBytes: 1024 * 1024, textBytes: 600, resultMs: 10_000 });

const LANGUAGES = ['zh_CN', 'en_US'];

/** What the emulator "recognises" in any recording, by language. */
export const EMULATED_SPEECH: Readonly<Record<string, string>> = {
  zh_CN: '模拟器语音识别结果',
  en_US: 'emulated speech recognition result',
};

/** The phrases the emulator translates (the page's sample and a few more); other text comes back marked. */
const PHRASES: readonly (readonly [string, string])[] = [
  ['你好', 'Hello'],
  ['谢谢', 'Thank you'],
  ['再见', 'Goodbye'],
  [EMULATED_SPEECH['zh_CN'] ?? '', EMULATED_SPEECH['en_US'] ?? ''],
];

interface SubmittedVoice {
  lang: string;
  bytes: number;
  /** ms */
  submittedAt: number;
}

function voices(state: EmulatorState): Record<string, SubmittedVoice> {
  return state.slot<Record<string, SubmittedVoice>>('aiVoices', () => ({}));
}

/**
 * The content of a call: the raw body, or the first file of a multipart body (the current page shows the audio as
 * the form field `media`; the earlier page put it in the body: WeChat takes both).
 */
async function content(call: Call): Promise<Uint8Array> {
  const { bytes, contentType } = call.raw;
  if (!/^multipart\/form-data/i.test(contentType)) return bytes;
  let form: FormData;
  try {
    form = await new Response(bytes as BlobPart, { headers: { 'content-type': contentType } }).formData();
  } catch {
    return fail(41005);
  }
  const file = form.get('media') ?? [...form.values()].find((v) => v instanceof File);
  return file instanceof File ? new Uint8Array(await file.arrayBuffer()) : new Uint8Array(0);
}

/** An MP3 starts with an ID3 tag or an MPEG audio frame header (11 bits set). */
function looksLikeMp3(bytes: Uint8Array): boolean {
  const id3 = bytes[0] === 0x49 && bytes[1] === 0x44 && bytes[2] === 0x33;
  const frame = bytes[0] === 0xff && ((bytes[1] ?? 0) & 0xe0) === 0xe0;
  return id3 || frame;
}

function language(value: string | undefined, fallback: string): string {
  const lang = value ?? fallback;
  if (!LANGUAGES.includes(lang)) fail(40035, 'invalid args: lang must be zh_CN or en_US');
  return lang;
}

function translate(text: string, from: string, to: string): string {
  if (from === to) return text;
  const chinese = from === 'zh_CN';
  const known = PHRASES.find(([zh, en]) => (chinese ? zh : en) === text.trim());
  if (known === undefined) return `[${to}] ${text}`;
  return chinese ? known[1] : known[0];
}

/**
 * The handlers of the three AI endpoints.
 *
 * @example
 * ```ts
 * Object.keys(aiHandlers); // ['ai.submitVoice', 'ai.queryVoiceResult', 'ai.translate']
 * ```
 */
export const aiHandlers: Handlers = {
  'ai.submitVoice': async (call) => {
    const { state, query } = call;
    const voiceId = query['voice_id'];
    if (voiceId === undefined || voiceId === '') fail(47003, 'argument invalid! voice_id is empty');
    if (query['format'] !== 'mp3') fail(40005, 'invalid file type: format must be mp3');
    const lang = language(query['lang'], 'zh_CN');
    const bytes = await content(call);
    if (bytes.length === 0 || bytes.length > AI_LIMITS.voiceBytes) fail(40010);
    if (!looksLikeMp3(bytes)) fail(40005, 'invalid file type: the voice is not mp3');
    voices(state)[voiceId] = { lang, bytes: bytes.length, submittedAt: state.now() };
    return { ...OK };
  },
  'ai.queryVoiceResult': ({ state, query }) => {
    const voiceId = query['voice_id'];
    if (voiceId === undefined || voiceId === '') fail(47003, 'argument invalid! voice_id is empty');
    const voice = voices(state)[voiceId];
    if (voice === undefined || state.now() - voice.submittedAt > AI_LIMITS.resultMs)
      fail(47003, 'argument invalid! voice_id unknown, or submitted more than 10 s ago');
    const lang = language(query['lang'], voice.lang);
    return { ...OK, result: EMULATED_SPEECH[lang] ?? '' };
  },
  'ai.translate': async (call) => {
    const { query } = call;
    const from = query['lfrom'];
    const to = query['lto'];
    if (from === undefined || to === undefined) fail(47003, 'argument invalid! lfrom and lto are required');
    if (!LANGUAGES.includes(from) || !LANGUAGES.includes(to))
      fail(40035, 'invalid args: lfrom and lto must be zh_CN or en_US');
    const bytes = await content(call);
    if (bytes.length === 0 || bytes.length > AI_LIMITS.textBytes) fail(40035, 'invalid args size');
    const text = new TextDecoder().decode(bytes);
    return { ...OK, from_content: text, to_content: translate(text, from, to) };
  },
};

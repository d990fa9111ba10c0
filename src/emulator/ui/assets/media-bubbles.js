// Bubbles of stored files: pictures, voice (tap to play, its length once known) and video.
import { h, svg } from './dom.js';

/** @typedef {import('../../chat-entry.js').ImagePayload} ImagePayload */
/** @typedef {import('../../chat-entry.js').VoicePayload} VoicePayload */
/** @typedef {import('../../chat-entry.js').VideoPayload} VideoPayload */

const WAVES =
  '<svg class="voice-waves" viewBox="0 0 24 24"><path d="M6 12a1.6 1.6 0 1 0 0 .01" fill="currentColor"/><path d="M10 7.5a6.5 6.5 0 0 1 0 9" fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round"/><path d="M14 4a11 11 0 0 1 0 16" fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round"/></svg>';

/**
 * A picture; a mass send of several shows them together.
 * @param {ImagePayload} p
 */
export function image(p) {
  if (p.more) {
    const all = [p, ...p.more];
    return h(
      'div',
      { class: 'bubble media images' },
      all.map((m) => h('img', { src: m.url, alt: '图片' })),
    );
  }
  return h('div', { class: 'bubble media' }, h('img', { src: p.url, alt: '图片' }));
}

/**
 * Shows the voice's length once the browser knows it, and widens the bubble with it as WeChat does.
 * @param {HTMLAudioElement} audio
 * @param {HTMLElement} bubble
 * @param {HTMLElement} label
 */
function showDuration(audio, bubble, label) {
  if (!Number.isFinite(audio.duration)) return;
  const s = Math.max(1, Math.round(audio.duration));
  label.textContent = `${s}″`;
  bubble.style.minWidth = `${Math.min(70 + s * 6, 200)}px`;
}

/**
 * A voice bubble: tap to play or stop.
 * @param {VoicePayload} p
 */
export function voice(p) {
  const audio = new Audio();
  const label = h('span', {}, p.format ? `语音 ${p.format}` : '语音');
  const bubble = h(
    'div',
    { class: 'bubble voice', title: '点击播放 Play', role: 'button' },
    svg(WAVES),
    label,
  );
  audio.preload = 'metadata';
  audio.src = p.url;
  audio.onloadedmetadata = () => showDuration(audio, bubble, label);
  audio.onended = audio.onpause = () => bubble.classList.remove('playing');
  bubble.onclick = () => {
    if (!audio.paused) return audio.pause();
    bubble.classList.add('playing');
    audio.play().catch(() => {
      bubble.classList.remove('playing');
      label.textContent = '无法播放 (format)';
    });
  };
  return bubble;
}

/**
 * A video with its poster.
 * @param {VideoPayload} p
 */
export function video(p) {
  return h(
    'div',
    { class: 'bubble media' },
    h('video', { src: p.url, poster: p.thumbUrl, controls: true, preload: 'metadata' }),
  );
}

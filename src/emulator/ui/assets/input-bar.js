// The input bar (text, send on Enter) and its "+" panel: photo, voice, video, location, link, location report.
import { filePayload, videoThumb } from './api.js';
import { $, ui } from './elements.js';
import { act } from './fan-actions.js';
import { form, locationForm } from './sheet.js';

/** Sends what the fan typed as a text message; nothing when it is blank. */
export async function sendText() {
  const content = ui.input.value;
  if (!content.trim()) return;
  ui.input.value = '';
  resizeInput();
  await act('text', { content });
}

/** Grows the input with its text, and swaps "+" for "发送" while the fan types. */
export function resizeInput() {
  ui.input.style.height = 'auto';
  ui.input.style.height = `${Math.min(ui.input.scrollHeight, 110)}px`;
  const typing = ui.input.value.length > 0;
  ui.send.hidden = !typing;
  ui.plus.hidden = typing;
}

/**
 * Opens the hidden file input with this id; resolves the chosen file, or undefined.
 * @param {string} id
 * @returns {Promise<File | undefined>}
 */
export function pickFile(id) {
  const input = $(id, HTMLInputElement);
  input.value = '';
  return new Promise((resolve) => {
    input.onchange = () => resolve(input.files?.[0]);
    input.click();
  });
}

/**
 * Sends a picked file as `action` (image or voice).
 * @param {string} inputId
 * @param {string} action
 */
async function sendFile(inputId, action) {
  const file = await pickFile(inputId);
  if (file) await act(action, { file: await filePayload(file) });
}

async function sendVideo() {
  const file = await pickFile('file-video');
  if (!file) return;
  const thumb = await videoThumb(file);
  await act('video', { file: await filePayload(file), ...(thumb ? { thumb } : {}) });
}

async function sendLocation() {
  const v = await locationForm('发送位置 Location');
  if (v) await act('location', v);
}

async function sendLink() {
  const v = await form('发送链接 Link', [
    { name: 'title', label: '标题 Title', value: '公众平台官网链接' },
    { name: 'description', label: '描述 Description', value: '' },
    { name: 'url', label: '网址 Url', value: 'https://mp.weixin.qq.com/' },
  ]);
  if (v) await act('link', v);
}

async function reportLocation() {
  const v = await form('上报地理位置 LOCATION event', [
    { name: 'latitude', label: '纬度 Latitude', value: '23.137466', type: 'number' },
    { name: 'longitude', label: '经度 Longitude', value: '113.352425', type: 'number' },
    { name: 'precision', label: '精度 Precision', value: '119.385040', type: 'number' },
  ]);
  if (!v) return;
  const where = {
    latitude: Number(v['latitude']),
    longitude: Number(v['longitude']),
    precision: Number(v['precision']),
  };
  await act('location-report', where);
}

/** @type {Record<string, () => Promise<void>>} What each button of the "+" panel does, by its `data-plus`. */
export const plusActions = {
  image: () => sendFile('file-image', 'image'),
  voice: () => sendFile('file-voice', 'voice'),
  video: sendVideo,
  location: sendLocation,
  link: sendLink,
  report: reportLocation,
};

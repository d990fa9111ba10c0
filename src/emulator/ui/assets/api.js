// Calls to the emulator's API for the page (/__emulator/…). Errors carry the server's message, shown to the user.

/** @typedef {import('../page-snapshot.js').PageSnapshot} PageSnapshot */
/** @typedef {import('../../chat-entry.js').ChatEntry} ChatEntry */
/** @typedef {import('../../world.js').PushRecord} PushRecord */
/** @typedef {import('../../fans/action-types.js').ActionResult} ActionResult */
/** @typedef {import('../../fans/action-types.js').FanFile} FanFile */
/** @typedef {{ data: string; contentType: string; filename: string }} FilePayload A file as the API takes it. */

/**
 * GET (or POST/PATCH JSON); throws an Error with the server's `error` text on a non-2xx answer.
 * @param {string} path
 * @param {unknown} [body]
 * @param {string} [method]
 * @returns {Promise<unknown>}
 */
export async function api(path, body, method) {
  const init =
    body === undefined
      ? { method: method ?? 'GET' }
      : {
          method: method ?? 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(body),
        };
  const res = await fetch(path, init);
  const text = await res.text();
  /** @type {{ error?: string }} */
  let data;
  try {
    data = text ? JSON.parse(text) : {};
  } catch {
    data = { error: text };
  }
  if (!res.ok) throw new Error(data.error || `HTTP ${res.status}`);
  return data;
}

/** @returns {Promise<PageSnapshot>} What the page draws from. */
export const loadPage = async () => /** @type {PageSnapshot} */ (await api('/__emulator/page'));

/**
 * A fan's chat, oldest first.
 * @param {string} openid
 * @returns {Promise<ChatEntry[]>}
 */
export async function loadChatEntries(openid) {
  const { entries } = /** @type {{ entries: ChatEntry[] }} */ (
    await api(`/__emulator/fans/${encodeURIComponent(openid)}/chat`)
  );
  return entries;
}

/** @returns {Promise<PushRecord[]>} The push log, oldest first. */
export async function loadPushes() {
  const { pushes } = /** @type {{ pushes: PushRecord[] }} */ (await api('/__emulator/pushes'));
  return pushes;
}

/**
 * A fan action (`text`, `menu`, `follow`…) by the fan `openid`.
 * @param {string} openid
 * @param {string} action
 * @param {unknown} body
 * @returns {Promise<ActionResult>}
 */
export const fanAction = async (openid, action, body) =>
  /** @type {ActionResult} */ (await api(`/__emulator/fans/${encodeURIComponent(openid)}/${action}`, body));

/**
 * A file from a picker as the API takes it: base64 data, content type and name.
 * @param {File} file
 * @returns {Promise<FilePayload>}
 */
export function filePayload(file) {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => {
      const url = String(reader.result);
      resolve({
        data: url.slice(url.indexOf(',') + 1),
        contentType: file.type || 'application/octet-stream',
        filename: file.name || 'file',
      });
    };
    reader.onerror = () => reject(reader.error);
    reader.readAsDataURL(file);
  });
}

/**
 * A frame of a video file as a JPEG thumbnail (WeChat video messages carry one); undefined when it cannot be drawn.
 * @param {File} file
 * @returns {Promise<FilePayload | undefined>}
 */
export function videoThumb(file) {
  return new Promise((resolve) => {
    const video = document.createElement('video');
    const url = URL.createObjectURL(file);
    /** @param {FilePayload | undefined} value */
    const done = (value) => {
      URL.revokeObjectURL(url);
      resolve(value);
    };
    video.muted = true;
    video.preload = 'auto';
    video.onloadeddata = () => {
      video.currentTime = Math.min(0.1, video.duration || 0);
    };
    video.onseeked = () => done(drawFrame(video));
    video.onerror = () => done(undefined);
    setTimeout(() => done(undefined), 3000);
    video.src = url;
  });
}

/**
 * The video's current frame as a JPEG (at most 320 px wide).
 * @param {HTMLVideoElement} video
 * @returns {FilePayload | undefined}
 */
function drawFrame(video) {
  const canvas = document.createElement('canvas');
  canvas.width = Math.min(video.videoWidth || 160, 320);
  canvas.height = Math.round(canvas.width * ((video.videoHeight || 90) / (video.videoWidth || 160)));
  const context = canvas.getContext('2d');
  if (!context) return undefined;
  context.drawImage(video, 0, 0, canvas.width, canvas.height);
  const data = canvas.toDataURL('image/jpeg', 0.7);
  return { data: data.slice(data.indexOf(',') + 1), contentType: 'image/jpeg', filename: 'thumb.jpg' };
}

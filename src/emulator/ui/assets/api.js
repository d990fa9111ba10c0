// Calls to the emulator's fan-action API (/__emulator/…). Errors carry the server's message, shown to the user.

/** GET or POST JSON; throws an Error with the server's `error` text on a non-2xx answer. */
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
  let data;
  try {
    data = text ? JSON.parse(text) : {};
  } catch {
    data = { error: text };
  }
  if (!res.ok) throw new Error(data.error || `HTTP ${res.status}`);
  return data;
}

/** A file from a picker as the API takes it: base64 data, content type and name. */
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

/** A frame of a video file as a JPEG thumbnail (WeChat video messages carry one); undefined when it cannot be drawn. */
export function videoThumb(file) {
  return new Promise((resolve) => {
    const video = document.createElement('video');
    const url = URL.createObjectURL(file);
    const done = (value) => {
      URL.revokeObjectURL(url);
      resolve(value);
    };
    video.muted = true;
    video.preload = 'auto';
    video.onloadeddata = () => {
      video.currentTime = Math.min(0.1, video.duration || 0);
    };
    video.onseeked = () => {
      const canvas = document.createElement('canvas');
      canvas.width = Math.min(video.videoWidth || 160, 320);
      canvas.height = Math.round(canvas.width * ((video.videoHeight || 90) / (video.videoWidth || 160)));
      canvas.getContext('2d').drawImage(video, 0, 0, canvas.width, canvas.height);
      const data = canvas.toDataURL('image/jpeg', 0.7);
      done({ data: data.slice(data.indexOf(',') + 1), contentType: 'image/jpeg', filename: 'thumb.jpg' });
    };
    video.onerror = () => done(undefined);
    setTimeout(() => done(undefined), 3000);
    video.src = url;
  });
}

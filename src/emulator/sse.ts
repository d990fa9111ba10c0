/**
 * Live updates for the phone page and the developer panel: `GET /__emulator/events` streams the state's `chat`,
 * `push`, `change` and `typing` events as server-sent events (one JSON object per event); the page polls nothing.
 * @module
 */
import { Hono } from 'hono';
import { streamSSE, type SSEStreamingApi } from 'hono/streaming';
import type { ChatEntry } from './chat-entry.js';
import type { EmulatorState } from './state.js';
import type { PushRecord } from './world.js';

/** Proxies drop idle streams; a comment line every 15 s keeps this one open. */
const KEEPALIVE_MS = 15_000;

/** The open streams of one emulator, so `close()` can end them (a server does not close while a stream is open). */
export interface SseHub {
  routes: Hono;
  /** Ends every open stream. */
  closeAll(): void;
}

type Send = (event: string, data: unknown) => void;

/** Forwards the state's events to `send`; returns the function that stops. */
function forwardEvents(state: EmulatorState, send: Send): () => void {
  const onChat = (entry: ChatEntry) => send('chat', entry);
  const onPush = (record: PushRecord) => send('push', record);
  const onChange = (what: string) => send('change', { what });
  const onTyping = (openid: string, typing: boolean) => send('typing', { openid, typing });
  state.on('chat', onChat);
  state.on('push', onPush);
  state.on('change', onChange);
  state.on('typing', onTyping);
  return () => {
    state.off('chat', onChat);
    state.off('push', onPush);
    state.off('change', onChange);
    state.off('typing', onTyping);
  };
}

/** One client's stream: `hello`, then every event in the order it happened, until the client or `closeAll` ends it. */
async function streamEvents(
  state: EmulatorState,
  stream: SSEStreamingApi,
  closers: Set<() => void>,
): Promise<void> {
  let ended = false;
  let wake: () => void = () => undefined;
  const queue: { event: string; data: string }[] = [];
  const stop = forwardEvents(state, (event, data) => {
    queue.push({ event, data: JSON.stringify(data) });
    wake();
  });
  const end = () => {
    ended = true;
    wake();
  };
  closers.add(end);
  stream.onAbort(end);
  const keepalive = setInterval(() => {
    queue.push({ event: 'ping', data: '{}' });
    wake();
  }, KEEPALIVE_MS);
  try {
    await stream.writeSSE({ event: 'hello', data: JSON.stringify({ at: state.now() }) });
    // One writer loop: events are written in the order they happened, never interleaved.
    while (!ended) {
      const next = queue.shift();
      if (next) await stream.writeSSE(next);
      else await new Promise<void>((resolve) => (wake = resolve));
    }
  } finally {
    clearInterval(keepalive);
    closers.delete(end);
    stop();
  }
}

/**
 * Creates the SSE route on a state.
 *
 * @example
 * ```ts
 * import { Hono } from 'hono';
 * const sse = createSse(state);
 * new Hono().route('/', sse.routes);
 * // in the page: new EventSource('/__emulator/events').addEventListener('chat', (e) => JSON.parse(e.data));
 * ```
 */
export function createSse(state: EmulatorState): SseHub {
  const closers = new Set<() => void>();
  const routes = new Hono();
  routes.get('/__emulator/events', (c) => streamSSE(c, (stream) => streamEvents(state, stream, closers)));
  return {
    routes,
    closeAll() {
      for (const end of [...closers]) end();
    },
  };
}

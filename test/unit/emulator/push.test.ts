import { describe, expect, it } from 'vitest';
import { resolveAccount } from '../../../src/emulator/app.js';
import { createPusher, DEFAULT_PUSH_TIMEOUT_MS, PUSH_ATTEMPTS } from '../../../src/emulator/push.js';
import { manualClock } from './manual-clock.js';
import { SERVICE_UNAVAILABLE_NOTICE } from '../../../src/emulator/push-reply.js';
import { EmulatorState } from '../../../src/emulator/state.js';
import { inbound } from '../../../src/push/inbound.js';
import { reply } from '../../../src/replies/reply.js';
import { renderReply } from '../../../src/replies/render.js';

const FAN = 'oUnitFan0000000000000000001';

function world(webhookUrl: string | undefined = 'http://bot.test/wx') {
  const state = new EmulatorState({ account: resolveAccount({ webhookUrl }) });
  state.fans.set(FAN, {
    openid: FAN,
    nickname: 'unit',
    following: true,
    subscribeTime: 0,
    subscribeScene: 'ADD_SCENE_SEARCH',
    qrScene: 0,
    qrSceneStr: '',
    remark: '',
    language: 'zh_CN',
    tagIds: [],
    blacklisted: false,
  });
  return state;
}

/**
 * A fetch that records calls and answers with `answer(n)`; when that is undefined it never answers, and `onHang`
 * (a test's clock) decides when the wait ends.
 */
function fakeFetch(
  answer: (n: number) => Response | Error | undefined,
  onHang: () => void = () => undefined,
) {
  const calls: { url: string; body: string }[] = [];
  const fn = ((url: string, init: RequestInit) => {
    calls.push({ url, body: init.body as string });
    const result = answer(calls.length);
    if (result instanceof Error) return Promise.reject(result);
    if (result) return Promise.resolve(result);
    const hanging = new Promise((_resolve, reject) =>
      init.signal!.addEventListener('abort', () => reject(new Error('aborted'))),
    );
    onHang();
    return hanging;
  }) as unknown as typeof fetch;
  return { fn, calls };
}

const text = (state: EmulatorState, content = 'hi') =>
  inbound.text({ to: state.account.ghId, from: FAN }, content);
const textReply = (state: EmulatorState, content: string) =>
  renderReply(reply.text(content), {
    toUserName: FAN,
    fromUserName: state.account.ghId,
    createTime: 1,
    answersUserMessage: true,
  });

describe('createPusher', () => {
  it('makes 3 attempts with the identical URL and body when nothing answers, then shows the notice', async () => {
    const state = world();
    const clock = manualClock();
    // Each attempt waits WeChat's 5 s on the test's clock: the timeout fires as soon as the webhook hangs.
    const fake = fakeFetch(
      () => undefined,
      () => clock.fireNext(),
    );
    const push = createPusher(state, { fetch: fake.fn, now: clock.now, setTimer: clock.setTimer });
    const { record, entries } = await push(FAN, text(state), 'text');
    expect(fake.calls).toHaveLength(PUSH_ATTEMPTS);
    expect(record.attempts.map((a) => a.ms)).toEqual([
      DEFAULT_PUSH_TIMEOUT_MS,
      DEFAULT_PUSH_TIMEOUT_MS,
      DEFAULT_PUSH_TIMEOUT_MS,
    ]);
    expect(record.attempts[0]!.error).toBe('no answer within 5000 ms (timeout)');
    expect(clock.pending()).toBe(0);
    expect(new Set(fake.calls.map((c) => c.url)).size).toBe(1);
    expect(new Set(fake.calls.map((c) => c.body)).size).toBe(1);
    expect(fake.calls[0]!.url).toBe(`http://bot.test/wx${record.requestQuery}`);
    expect(record.attempts.every((a) => a.error?.includes('timeout'))).toBe(true);
    expect(entries[0]).toMatchObject({ via: 'system', payload: { content: SERVICE_UNAVAILABLE_NOTICE } });
    expect(state.pushes).toEqual([record]);
  });

  it('retries after a connection error and stops at the first answer, cancelling its timers', async () => {
    const state = world();
    const clock = manualClock();
    const fake = fakeFetch((n) =>
      n === 1
        ? new TypeError('fetch failed', { cause: new Error('ECONNRESET') })
        : new Response(textReply(state, 'ok')),
    );
    const push = createPusher(state, { fetch: fake.fn, now: clock.now, setTimer: clock.setTimer });
    const { record, entries } = await push(FAN, text(state), 'text');
    expect(record.attempts).toHaveLength(2);
    expect(record.attempts.map((a) => a.ms)).toEqual([0, 0]);
    expect(clock.pending()).toBe(0);
    expect(record.attempts[0]!.error).toBe('fetch failed: ECONNRESET');
    expect(record.verdict).toEqual({ ok: true });
    expect(entries[0]).toMatchObject({ direction: 'out', via: 'reply', payload: { content: 'ok' } });
  });

  it('does not retry an answer, even a bad one', async () => {
    const state = world();
    const fake = fakeFetch(() => new Response('oops', { status: 502 }));
    const { record } = await createPusher(state, { fetch: fake.fn })(FAN, text(state), 'text');
    expect(fake.calls).toHaveLength(1);
    expect(record.verdict).toEqual({ ok: false, reason: 'HTTP status 502 (WeChat needs 200)' });
  });

  it('shows nothing for notifications (job results, unfollow), whatever the answer', async () => {
    const state = world();
    const fake = fakeFetch(() => new Response(textReply(state, 'visible?')));
    const push = createPusher(state, { fetch: fake.fn });
    const event = inbound.event({ to: state.account.ghId, from: FAN }, 'TEMPLATESENDJOBFINISH', {
      MsgID: '1',
      Status: 'success',
    });
    expect((await push(FAN, event, 'event.TEMPLATESENDJOBFINISH')).entries).toEqual([]);
    expect(state.chats.get(FAN)).toBeUndefined();
  });

  it('resolves a relative webhook URL against the emulator origin, and explains when there is none', async () => {
    const state = world('/wx');
    const fake = fakeFetch(() => new Response('success'));
    const withOrigin = await createPusher(state, { fetch: fake.fn, origin: () => 'http://127.0.0.1:3000' })(
      FAN,
      text(state),
      'text',
    );
    expect(fake.calls[0]!.url.startsWith('http://127.0.0.1:3000/wx?signature=')).toBe(true);
    expect(withOrigin.entries).toEqual([]);
    const without = await createPusher(state, { fetch: fake.fn })(FAN, text(state), 'text');
    expect(without.record.verdict).toMatchObject({
      ok: false,
      reason: expect.stringContaining('not listening') as unknown,
    });
  });

  it('shows a reply image by its media_id only when that media was uploaded and has not expired', async () => {
    const state = world();
    const upload = (mediaId: string, createdAt: number) =>
      state.media.set(mediaId, {
        mediaId,
        type: 'image',
        permanent: false,
        data: '',
        contentType: 'image/png',
        filename: 'a.png',
        createdAt,
      });
    upload('m1', state.now());
    // Temporary media lasts 3 days: the API answers 40007 for it, and WeChat shows the service notice.
    upload('old', state.now() - 4 * 24 * 3600_000);
    // The webhook answers with an image reply of `id`.
    const answerWithImage = (id: string) => {
      const xml = renderReply(reply.image(id), {
        toUserName: FAN,
        fromUserName: state.account.ghId,
        createTime: 1,
        answersUserMessage: true,
      });
      return createPusher(state, { fetch: fakeFetch(() => new Response(xml)).fn })(FAN, text(state), 'text');
    };
    expect((await answerWithImage('m1')).entries[0]).toMatchObject({
      msgType: 'image',
      payload: { mediaId: 'm1', url: '/__emulator/media/m1' },
    });
    for (const [id, reason] of [
      ['m2', '"m2" is not uploaded'],
      ['old', '"old" has expired'],
    ] as const) {
      expect((await answerWithImage(id)).record.verdict).toMatchObject({
        ok: false,
        reason: expect.stringContaining(reason) as unknown,
      });
    }
  });
});

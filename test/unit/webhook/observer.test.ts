import { describe, expect, it } from 'vitest';
import { inbound } from '../../../src/push/index.js';
import type { AnswerVia } from '../../../src/webhook/observer.js';
import { resolveObserver } from '../../../src/webhook/observer.js';
import { FAN, post, pushRequest, recordingLogger, setup } from './support.js';

/** Every hook, recording what it was told. */
function recorder() {
  const seen = {
    pushes: [] as { type: string; mode: string }[],
    runs: 0,
    duplicates: 0,
    answers: [] as AnswerVia[],
    rejects: [] as string[],
  };
  const observe = {
    onPush: (push: { type: string; mode: string }) => void seen.pushes.push(push),
    onHandlerRun: () => void (seen.runs += 1),
    onDuplicate: () => void (seen.duplicates += 1),
    onAnswer: (via: AnswerVia) => void seen.answers.push(via),
    onReject: (reason: string) => void seen.rejects.push(reason),
  };
  return { seen, observe };
}

describe('the webhook observer', () => {
  it('is told of each push with its kind and mode, each handler run and each passive answer', async () => {
    const { seen, observe } = recorder();
    const { webhook } = setup({ observe, replayGuard: false });
    await post(webhook, 'safe');
    await post(webhook, 'plain', inbound.event(FAN, 'subscribe'));
    expect(seen.pushes).toEqual([
      { type: 'text', mode: 'safe' },
      { type: 'event.subscribe', mode: 'plain' },
    ]);
    expect(seen.runs).toBe(2);
    // The subscribe event is answered success by the test bot: no answer counted.
    expect(seen.answers).toEqual(['passive']);
  });
  it('counts a retry answered from dedup as a duplicate, not as a handler run', async () => {
    const { seen, observe } = recorder();
    const { webhook } = setup({ observe });
    const request = pushRequest('plain', inbound.text(FAN, 'again', '42'));
    await webhook.handle(request);
    await webhook.handle(request);
    expect(seen.runs).toBe(1);
    expect(seen.duplicates).toBe(1);
    expect(seen.pushes).toHaveLength(2);
  });
  it('is told of each refusal by its code', async () => {
    const { seen, observe } = recorder();
    const { webhook } = setup({ observe });
    const request = pushRequest('plain');
    await webhook.handle({ ...request, url: request.url.replace(/signature=[0-9a-f]+/, 'signature=00') });
    await webhook.handle({ method: 'PUT', url: '/wx' });
    expect(seen.rejects).toEqual(['SIGNATURE_INVALID', 'METHOD_NOT_ALLOWED']);
  });
  it('never lets a throwing hook reach the push, and logs it once', async () => {
    const logger = recordingLogger();
    const { webhook } = setup({
      logger,
      replayGuard: false,
      observe: {
        onPush: () => {
          throw new Error('metrics broke');
        },
      },
    });
    expect((await post(webhook, 'plain')).body).toContain('hello');
    expect((await post(webhook, 'plain', inbound.text(FAN, 'two'))).body).toContain('two');
    expect(logger.lines.filter((l) => l.msg === 'webhook observer hook threw; ignored')).toHaveLength(1);
  });
  it('fills missing hooks with no-ops', () => {
    const observer = resolveObserver({}, recordingLogger());
    expect(() => observer.onAnswer('pulled')).not.toThrow();
  });
});

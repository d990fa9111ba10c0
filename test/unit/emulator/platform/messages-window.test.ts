import { describe, expect, it } from 'vitest';
import { customServiceVerdict } from '../../../../src/emulator/platform/custom-service/messages.js';

const now = 1_000_000_000_000;
const H = 3600_000;

describe('customServiceVerdict', () => {
  it('is 45015 without a recent message or event', () => {
    expect(customServiceVerdict({}, [], now)).toBe(45015);
    expect(customServiceVerdict({ lastMessageAt: now - 48 * H }, [], now)).toBe(45015);
    expect(customServiceVerdict({ lastEventAt: now - 60_000 }, [], now)).toBe(45015);
  });

  it('allows 5 messages after a fan message, counting only messages sent since it', () => {
    const since = now - H;
    expect(
      customServiceVerdict(
        { lastMessageAt: since },
        [since - 1, since - 2, since - 3, since, since + 1],
        now,
      ),
    ).toBe(0);
    expect(
      customServiceVerdict(
        { lastMessageAt: since },
        [since, since + 1, since + 2, since + 3, since + 4],
        now,
      ),
    ).toBe(45047);
  });

  it('allows 3 messages after an event, and either open window suffices', () => {
    const ev = now - 10_000;
    expect(customServiceVerdict({ lastEventAt: ev }, [ev, ev + 1], now)).toBe(0);
    expect(customServiceVerdict({ lastEventAt: ev }, [ev, ev + 1, ev + 2], now)).toBe(45047);
    const msg = now - H;
    const five = [msg, msg + 1, msg + 2, msg + 3, msg + 4];
    expect(customServiceVerdict({ lastMessageAt: msg, lastEventAt: ev }, five, now)).toBe(0);
  });
});

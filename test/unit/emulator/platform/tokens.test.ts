import { describe, expect, it } from 'vitest';
import { WxError } from '../../../../src/emulator/platform/core/respond.js';
import { checkAccessToken, issueClassicToken, stableToken } from '../../../../src/emulator/platform/token.js';
import { DEFAULT_ACCOUNT } from '../../../../src/emulator/defaults.js';
import { EmulatorState } from '../../../../src/emulator/state.js';

function fresh(): EmulatorState {
  const state = new EmulatorState({ account: { ...DEFAULT_ACCOUNT, webhookUrl: undefined } });
  const base = Date.parse('2024-06-01T04:00:00Z');
  state.now = () => base + state.clockOffsetMs;
  return state;
}
const advance = (state: EmulatorState, seconds: number) => (state.clockOffsetMs += seconds * 1000);
const check = (state: EmulatorState, token: string | undefined) => {
  try {
    checkAccessToken(state, token);
    return 0;
  } catch (err) {
    return (err as WxError).errcode;
  }
};

describe('classic tokens', () => {
  it('supersede each other after a 5-minute overlap (40001), and expire after 7200 s (42001)', () => {
    const state = fresh();
    const a = issueClassicToken(state).access_token;
    advance(state, 100);
    const b = issueClassicToken(state).access_token;
    advance(state, 299);
    expect(check(state, a)).toBe(0);
    advance(state, 1);
    expect(check(state, a)).toBe(40001);
    advance(state, 7200 - 400);
    expect(check(state, b)).toBe(0);
    advance(state, 100);
    expect(check(state, b)).toBe(42001);
  });

  it('a third token does not extend the grace of the first', () => {
    const state = fresh();
    const a = issueClassicToken(state).access_token;
    issueClassicToken(state);
    advance(state, 200);
    issueClassicToken(state);
    advance(state, 100);
    expect(check(state, a)).toBe(40001);
  });

  it('answers 41001 for no token and 40001 for an unknown one', () => {
    const state = fresh();
    expect(check(state, undefined)).toBe(41001);
    expect(check(state, '')).toBe(41001);
    expect(check(state, 'x')).toBe(40001);
  });
});

describe('stable tokens', () => {
  it('keep the token with its remaining lifetime until 5 minutes before expiry', () => {
    const state = fresh();
    const first = stableToken(state, false);
    advance(state, 6899);
    expect(stableToken(state, false)).toEqual({ access_token: first.access_token, expires_in: 301 });
    advance(state, 1);
    const renewed = stableToken(state, false);
    expect(renewed.access_token).not.toBe(first.access_token);
    expect(check(state, first.access_token)).toBe(0);
    advance(state, 300);
    expect(check(state, first.access_token)).toBe(42001);
  });

  it('force_refresh retires the current token at once, not more than once per 30 s nor 20 times a day', () => {
    const state = fresh();
    const first = stableToken(state, false).access_token;
    const forced = stableToken(state, true).access_token;
    expect(check(state, first)).toBe(40001);
    advance(state, 29);
    expect(stableToken(state, true).access_token).toBe(forced);
    for (let i = 1; i < 20; i += 1) {
      advance(state, 30);
      stableToken(state, true);
    }
    advance(state, 30);
    expect(() => stableToken(state, true)).toThrow(WxError);
    advance(state, 86_400);
    expect(stableToken(state, true).expires_in).toBe(7200);
  });
});

import { describe, expect, it } from 'vitest';
import {
  beijingDay,
  clearQuota,
  dailyLimit,
  quotaOf,
  useQuota,
} from '../../../../src/emulator/platform/core/quota.js';
import { WxError } from '../../../../src/emulator/platform/core/respond.js';
import { EmulatorState } from '../../../../src/emulator/state.js';
import { DEFAULT_ACCOUNT } from '../../../../src/emulator/defaults.js';

function stateAt(iso: string): EmulatorState {
  const state = new EmulatorState({ account: { ...DEFAULT_ACCOUNT, webhookUrl: undefined } });
  const base = Date.parse(iso);
  state.now = () => base + state.clockOffsetMs;
  return state;
}

const errcodeOf = (fn: () => void) => {
  try {
    fn();
    return 0;
  } catch (err) {
    return err instanceof WxError ? err.errcode : NaN;
  }
};

describe('daily quotas', () => {
  it('turns the day at midnight Beijing time (16:00 UTC)', () => {
    expect(beijingDay(Date.parse('2024-06-01T15:59:59Z'))).toBe(
      beijingDay(Date.parse('2024-05-31T16:00:00Z')),
    );
    expect(beijingDay(Date.parse('2024-06-01T16:00:00Z'))).toBe(
      beijingDay(Date.parse('2024-06-01T15:59:59Z')) + 1,
    );
  });

  it('counts per path, refuses past the limit with 45009 without counting, and restarts the next day', () => {
    const state = stateAt('2024-06-01T15:00:00Z');
    for (let i = 0; i < 2000; i += 1) useQuota(state, '/cgi-bin/token');
    expect(errcodeOf(() => useQuota(state, '/cgi-bin/token'))).toBe(45009);
    expect(quotaOf(state, '/cgi-bin/token')).toEqual({ daily_limit: 2000, used: 2000, remain: 0 });
    expect(quotaOf(state, '/cgi-bin/menu/get')).toEqual({ daily_limit: 10_000, used: 0, remain: 10_000 });
    state.clockOffsetMs = 3600_000;
    expect(quotaOf(state, '/cgi-bin/token').used).toBe(0);
  });

  it('uses the default limit for endpoints without a documented one', () => {
    expect(dailyLimit('/cgi-bin/tags/get')).toBe(100_000);
  });

  it('clears today’s counters 10 times a month (48006 after), and again next month', () => {
    const state = stateAt('2024-06-30T10:00:00Z');
    useQuota(state, '/cgi-bin/token');
    for (let i = 0; i < 10; i += 1) expect(errcodeOf(() => clearQuota(state))).toBe(0);
    expect(quotaOf(state, '/cgi-bin/token').used).toBe(0);
    expect(errcodeOf(() => clearQuota(state))).toBe(48006);
    state.clockOffsetMs = 86_400_000;
    expect(errcodeOf(() => clearQuota(state))).toBe(0);
  });
});

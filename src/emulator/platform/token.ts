/**
 * The global access_token, both ways WeChat issues it (reference §8):
 *
 * - `GET /cgi-bin/token`: every call issues a new token; the previous one stays valid 5 more minutes.
 * - `POST /cgi-bin/stable_token`: the same token until 5 minutes before it expires, with its *remaining* lifetime;
 *   `force_refresh: true` retires it at once and issues a new one (20 times a day; calls less than 30 s after the
 *   last forced refresh do not refresh, as the documentation says).
 *
 * The two kinds never affect each other. Old tokens answer 40001 once superseded and 42001 once expired.
 * @module
 */
import { randomBytes } from 'node:crypto';
import type { EmulatorState } from '../state.js';
import type { Handlers } from './core/handler.js';
import { beijingDay } from './core/quota.js';
import { fail } from './core/respond.js';

/** Lifetime of every access_token. */
export const TOKEN_TTL_MS = 7200_000;
/** How long a classic token stays valid after the next one is issued. */
export const CLASSIC_GRACE_MS = 5 * 60_000;
/** WeChat renews the stable token this long before it expires. */
export const STABLE_RENEW_AHEAD_MS = 5 * 60_000;
/** Forced stable refreshes allowed per day. */
export const FORCE_REFRESH_PER_DAY = 20;
/** Forced refreshes closer together than this do not refresh. */
export const FORCE_REFRESH_MIN_GAP_MS = 30_000;

/** One issued token (JSON-friendly, saved with the state). */
export interface TokenRecord {
  value: string;
  kind: 'classic' | 'stable';
  issuedAt: number;
  expiresAt: number;
  /** From this moment the token is superseded (40001) even if it has not expired. */
  retiredAt?: number;
}

interface TokenSlot {
  /** Newest last; the oldest dead ones are dropped (they then answer 40001 like any unknown token). */
  issued: TokenRecord[];
  /** The stable token WeChat currently hands out. */
  stable?: string;
  /** Times of forced stable refreshes (ms). */
  forced: number[];
}

/**
 * Dead tokens (expired or superseded) kept so that they still answer 42001 or 40001 for the right reason. Live ones
 * are never dropped: the current stable token, or a classic token in its 5-minute grace, must keep working however
 * many tokens are issued meanwhile (WeChat's daily quota bounds them).
 */
const KEEP_DEAD_TOKENS = 200;

/** Drops the oldest dead tokens beyond {@link KEEP_DEAD_TOKENS} (the list is oldest first). */
function forgetOldest(s: TokenSlot, now: number): void {
  const dead = (t: TokenRecord) => t.expiresAt <= now || (t.retiredAt !== undefined && t.retiredAt <= now);
  let excess = s.issued.filter(dead).length - KEEP_DEAD_TOKENS;
  if (excess > 0) s.issued = s.issued.filter((t) => !(dead(t) && excess-- > 0));
}

function slot(state: EmulatorState): TokenSlot {
  return state.slot<TokenSlot>('tokens', () => ({ issued: [], forced: [] }));
}

function issue(state: EmulatorState, kind: TokenRecord['kind']): TokenRecord {
  const s = slot(state);
  const now = state.now();
  // Real tokens are ~136 URL-safe characters behind a short numeric prefix.
  const record: TokenRecord = {
    value: `${kind === 'classic' ? 91 : 92}_${randomBytes(96).toString('base64url')}`,
    kind,
    issuedAt: now,
    expiresAt: now + TOKEN_TTL_MS,
  };
  forgetOldest(s, now);
  s.issued.push(record);
  return record;
}

function remainingSeconds(state: EmulatorState, record: TokenRecord): number {
  return Math.max(0, Math.floor((record.expiresAt - state.now()) / 1000));
}

/**
 * Issues a classic token and limits every earlier classic token to 5 more minutes.
 *
 * @example
 * ```ts
 * const { access_token, expires_in } = issueClassicToken(state); // expires_in: 7200
 * ```
 */
export function issueClassicToken(state: EmulatorState): { access_token: string; expires_in: number } {
  const graceEnd = state.now() + CLASSIC_GRACE_MS;
  for (const t of slot(state).issued) {
    if (t.kind === 'classic' && (t.retiredAt === undefined || t.retiredAt > graceEnd)) t.retiredAt = graceEnd;
  }
  const record = issue(state, 'classic');
  return { access_token: record.value, expires_in: remainingSeconds(state, record) };
}

/**
 * The stable token: the current one with its remaining lifetime, a new one when less than 5 minutes remain, or a
 * forced new one (see the module comment for the limits; 45009 past 20 a day).
 *
 * @example
 * ```ts
 * stableToken(state, false); // { access_token: '92_…', expires_in: 345 }
 * ```
 */
export function stableToken(
  state: EmulatorState,
  forceRefresh: boolean,
): { access_token: string; expires_in: number } {
  const s = slot(state);
  const now = state.now();
  let current = s.stable === undefined ? undefined : s.issued.find((t) => t.value === s.stable);
  if (forceRefresh && current !== undefined) {
    const today = beijingDay(now);
    s.forced = s.forced.filter((at) => beijingDay(at) === today);
    const last = s.forced.at(-1);
    if (last === undefined || now - last >= FORCE_REFRESH_MIN_GAP_MS) {
      if (s.forced.length >= FORCE_REFRESH_PER_DAY) fail(45009);
      s.forced.push(now);
      current.retiredAt = now;
      current = undefined;
    }
  }
  if (
    current === undefined ||
    current.retiredAt !== undefined ||
    current.expiresAt - now <= STABLE_RENEW_AHEAD_MS
  ) {
    // The renewed token replaces the old one for new callers; the old one lives on until it expires.
    current = issue(state, 'stable');
    s.stable = current.value;
  }
  return { access_token: current.value, expires_in: remainingSeconds(state, current) };
}

/**
 * Checks the global access_token of a call: 41001 missing, 40001 unknown or superseded, 42001 expired.
 *
 * @example
 * ```ts
 * const { access_token } = issueClassicToken(state);
 * checkAccessToken(state, access_token); // passes; throws WxError(42001) two hours later
 * ```
 */
export function checkAccessToken(state: EmulatorState, token: string | undefined): void {
  if (!token) fail(41001);
  const record = slot(state).issued.find((t) => t.value === token);
  if (record === undefined) fail(40001);
  const now = state.now();
  if (record.retiredAt !== undefined && now >= record.retiredAt) fail(40001);
  if (now >= record.expiresAt) fail(42001);
}

/**
 * The handlers of /cgi-bin/token and /cgi-bin/stable_token.
 *
 * @example
 * ```ts
 * Object.keys(tokenHandlers); // ['token.get', 'token.stable']
 * ```
 */
export const tokenHandlers: Handlers = {
  // Credentials and grant_type are checked by the runner (the table says `appid+secret`, `fixedQuery`).
  'token.get': ({ state }) => issueClassicToken(state),
  'token.stable': ({ state, body }) => {
    if (body['grant_type'] !== 'client_credential') fail(40002);
    const force = body['force_refresh'];
    return stableToken(state, force === true || force === 'true');
  },
};

/**
 * Parametric QR codes (reference §9.9): tickets for the four action names, the `showqrcode` image, and the scenes
 * the fan side "scans" on the phone page ({@link findQrScene}, {@link listQrTickets}).
 * @module
 */
import { createHash, randomBytes } from 'node:crypto';
import type { Context } from 'hono';
import type { EmulatorState } from '../state.js';
import type { QrScene } from '../world.js';
import type { Handlers } from './core/handler.js';
import { fail } from './core/respond.js';

/** Lifetime of a temporary code when `expire_seconds` is omitted. */
export const DEFAULT_QR_EXPIRE_SECONDS = 60;
/** The longest a temporary code lives (30 days); longer requests are capped. */
export const MAX_QR_EXPIRE_SECONDS = 2_592_000;
/** The highest `scene_id` of a permanent code. */
export const MAX_PERMANENT_SCENE_ID = 100_000;

/** A created code (JSON-friendly, saved with the state). */
export interface QrTicket {
  ticket: string;
  action: 'QR_SCENE' | 'QR_STR_SCENE' | 'QR_LIMIT_SCENE' | 'QR_LIMIT_STR_SCENE';
  sceneId?: number;
  sceneStr?: string;
  url: string;
  createdAt: number;
  /** ms; absent for permanent codes. */
  expiresAt?: number;
}

function tickets(state: EmulatorState): Record<string, QrTicket> {
  return state.slot<Record<string, QrTicket>>('qrcodes', () => ({}));
}

/**
 * What a ticket stands for, for the fan side's "scan": the scene and whether the code has expired; undefined for
 * a ticket the account never created.
 *
 * @example
 * ```ts
 * for (const { ticket } of listQrTickets(state)) {
 *   const scan = resolveQrTicket(state, ticket);
 *   if (scan && !scan.expired) console.log(scan.sceneStr ?? scan.sceneId);
 * }
 * ```
 */
export function resolveQrTicket(
  state: EmulatorState,
  ticket: string,
): { sceneId?: number; sceneStr?: string; expired: boolean } | undefined {
  const qr = tickets(state)[ticket];
  if (qr === undefined) return undefined;
  return {
    ...(qr.sceneId === undefined ? {} : { sceneId: qr.sceneId }),
    ...(qr.sceneStr === undefined ? {} : { sceneStr: qr.sceneStr }),
    expired: qr.expiresAt !== undefined && state.now() >= qr.expiresAt,
  };
}

/**
 * The codes a fan can still scan, newest first (for the phone page's picker).
 *
 * @example
 * ```ts
 * listQrTickets(state).map((q) => q.sceneStr ?? q.sceneId);
 * ```
 */
export function listQrTickets(state: EmulatorState): QrTicket[] {
  return Object.values(tickets(state))
    .filter((q) => q.expiresAt === undefined || state.now() < q.expiresAt)
    .sort((a, b) => b.createdAt - a.createdAt);
}

/**
 * A code as a fan scans it: the scene as the scan events carry it.
 *
 * @example
 * ```ts
 * qrScene({ ticket: 'gQ…', sceneId: 123 }); // { ticket: 'gQ…', scene: '123', sceneId: 123 }
 * ```
 */
export function qrScene(qr: Pick<QrTicket, 'ticket' | 'sceneId' | 'sceneStr'>): QrScene {
  return {
    ticket: qr.ticket,
    scene: qr.sceneStr ?? String(qr.sceneId ?? ''),
    ...(qr.sceneId === undefined ? {} : { sceneId: qr.sceneId }),
    ...(qr.sceneStr === undefined ? {} : { sceneStr: qr.sceneStr }),
  };
}

/**
 * The scene of a code the account created, or undefined when the ticket is unknown or expired (a fan cannot scan
 * an expired code: WeChat shows an error and pushes nothing).
 *
 * @example
 * ```ts
 * for (const { ticket } of listQrTickets(state)) console.log(findQrScene(state, ticket));
 * // { ticket, scene: '123', sceneId: 123 } for a code created with scene_id 123
 * ```
 */
export function findQrScene(state: EmulatorState, ticket: string): QrScene | undefined {
  const qr = resolveQrTicket(state, ticket);
  return qr === undefined || qr.expired ? undefined : qrScene({ ticket, ...qr });
}

function scene(body: Record<string, unknown>, numeric: boolean, max: number): number | string {
  const info = body['action_info'] as { scene?: Record<string, unknown> } | undefined;
  const value = info?.scene?.[numeric ? 'scene_id' : 'scene_str'];
  if (numeric) {
    const n = Number(value);
    if (!Number.isInteger(n) || n < 1 || n > max) fail(40053);
    return n;
  }
  if (typeof value !== 'string' || value.length < 1 || value.length > 64) fail(40053);
  return value;
}

function expireSeconds(body: Record<string, unknown>): number {
  const raw = body['expire_seconds'];
  if (raw === undefined) return DEFAULT_QR_EXPIRE_SECONDS;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1) fail(40035);
  return Math.min(n, MAX_QR_EXPIRE_SECONDS);
}

function newTicket(): { ticket: string; url: string } {
  // Real tickets are base64 with `+ / =` (they must be URL-encoded in showqrcode); 49 bytes always end in `==`.
  return {
    ticket: `gQ${randomBytes(49).toString('base64')}`,
    url: `http://weixin.qq.com/q/02${randomBytes(16).toString('base64url')}`,
  };
}

/**
 * The handler of qrcode/create.
 *
 * @example
 * ```ts
 * Object.keys(qrcodeHandlers); // ['qrcode.create']
 * ```
 */
export const qrcodeHandlers: Handlers = {
  'qrcode.create': ({ state, body }) => {
    const action = body['action_name'];
    if (
      action !== 'QR_SCENE' &&
      action !== 'QR_STR_SCENE' &&
      action !== 'QR_LIMIT_SCENE' &&
      action !== 'QR_LIMIT_STR_SCENE'
    ) {
      fail(40053);
    }
    const permanent = action.startsWith('QR_LIMIT');
    const numeric = action === 'QR_SCENE' || action === 'QR_LIMIT_SCENE';
    const value = scene(body, numeric, permanent ? MAX_PERMANENT_SCENE_ID : 2 ** 32 - 1);
    const key = numeric ? { sceneId: value as number } : { sceneStr: value as string };
    const all = tickets(state);
    if (permanent) {
      // A permanent code for the same scene is the same code.
      const existing = Object.values(all).find(
        (q) => q.action === action && q.sceneId === key.sceneId && q.sceneStr === key.sceneStr,
      );
      if (existing) return { ticket: existing.ticket, url: existing.url };
      const qr: QrTicket = { ...newTicket(), action, ...key, createdAt: state.now() };
      all[qr.ticket] = qr;
      return { ticket: qr.ticket, url: qr.url };
    }
    const seconds = expireSeconds(body);
    // Keep the saved state small: codes expired for a day are gone for good.
    for (const [ticket, q] of Object.entries(all)) {
      if (q.expiresAt !== undefined && q.expiresAt < state.now() - 86_400_000) delete all[ticket];
    }
    const qr: QrTicket = {
      ...newTicket(),
      action,
      ...key,
      createdAt: state.now(),
      expiresAt: state.now() + seconds * 1000,
    };
    all[qr.ticket] = qr;
    return { ticket: qr.ticket, expire_seconds: seconds, url: qr.url };
  },
};

/**
 * `GET /cgi-bin/showqrcode?ticket=…` (mp.weixin.qq.com on WeChat, no token): an SVG standing in for the QR image,
 * drawn from the ticket so each code looks different, with the scene printed below. Unknown or expired tickets
 * answer 404 like WeChat's image server.
 *
 * @example
 * ```ts
 * import { Hono } from 'hono';
 * new Hono().get('/cgi-bin/showqrcode', (c) => showQrcode(c, state));
 * ```
 */
export function showQrcode(c: Context, state: EmulatorState): Response {
  const ticket = c.req.query('ticket') ?? '';
  const qr = tickets(state)[ticket];
  const scan = resolveQrTicket(state, ticket);
  if (qr === undefined || scan === undefined || scan.expired)
    return c.text('ticket not found or expired', 404);
  return c.body(qrSvg(ticket, qr.sceneStr ?? String(qr.sceneId)), 200, { 'content-type': 'image/svg+xml' });
}

const escapeXml = (text: string) => text.replace(/[<>&"']/g, (ch) => `&#${ch.charCodeAt(0)};`);

/**
 * A QR-looking SVG: three finder squares and a 25×25 pattern from the SHA-256 of the ticket (not a scannable code:
 * the emulated phone "scans" by ticket).
 *
 * @example
 * ```ts
 * qrSvg('gQ…', 'promo-42'); // '<svg xmlns=…'
 * ```
 */
export function qrSvg(ticket: string, label: string): string {
  const size = 25;
  let bits = '';
  for (let i = 0; bits.length < size * size; i += 1) {
    for (const byte of createHash('sha256').update(`${ticket}:${i}`).digest())
      bits += byte.toString(2).padStart(8, '0');
  }
  const finder = (x: number, y: number) =>
    (x < 8 && y < 8) || (x >= size - 8 && y < 8) || (x < 8 && y >= size - 8);
  let cells = '';
  for (let y = 0; y < size; y += 1) {
    for (let x = 0; x < size; x += 1) {
      if (!finder(x, y) && bits[y * size + x] === '1')
        cells += `<rect x="${x}" y="${y}" width="1" height="1"/>`;
    }
  }
  const eye = (x: number, y: number) =>
    `<rect x="${x}" y="${y}" width="7" height="7"/><rect x="${x + 1}" y="${y + 1}" width="5" height="5" fill="#fff"/>` +
    `<rect x="${x + 2}" y="${y + 2}" width="3" height="3"/>`;
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="-2 -2 29 32" width="290" height="320">` +
    `<rect x="-2" y="-2" width="29" height="32" fill="#fff"/><g fill="#000">${cells}${eye(0, 0)}${eye(size - 7, 0)}${eye(0, size - 7)}</g>` +
    `<text x="12.5" y="28" font-size="2" text-anchor="middle" font-family="sans-serif">${escapeXml(label)}</text></svg>`
  );
}

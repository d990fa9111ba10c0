import { describe, expect, it } from 'vitest';
import { listQrTickets, resolveQrTicket } from '../../../../src/emulator/platform/qrcode.js';
import { createPlatform, expectError } from './helpers.js';

const create = (p: ReturnType<typeof createPlatform>, body: unknown) =>
  p.post('/cgi-bin/qrcode/create', body);
const scene = (s: Record<string, unknown>) => ({ action_info: { scene: s } });

describe('qrcode/create', () => {
  it('creates a temporary numeric code the fan side can resolve until it expires', async () => {
    const p = createPlatform();
    const res = (
      await create(p, { expire_seconds: 600, action_name: 'QR_SCENE', ...scene({ scene_id: 123 }) })
    ).json;
    expect(res['expire_seconds']).toBe(600);
    expect(String(res['url'])).toMatch(/^http:\/\/weixin\.qq\.com\/q\//);
    const ticket = String(res['ticket']);
    expect(ticket).toMatch(/==$/);
    expect(resolveQrTicket(p.state, ticket)).toEqual({ sceneId: 123, expired: false });
    expect(listQrTickets(p.state).map((q) => q.ticket)).toEqual([ticket]);
    p.advance(600);
    expect(resolveQrTicket(p.state, ticket)).toEqual({ sceneId: 123, expired: true });
    expect(listQrTickets(p.state)).toEqual([]);
    expect(resolveQrTicket(p.state, 'unknown')).toBeUndefined();
  });

  it('defaults to 60 s and caps at 30 days', async () => {
    const p = createPlatform();
    expect(
      (await create(p, { action_name: 'QR_STR_SCENE', ...scene({ scene_str: 'a' }) })).json['expire_seconds'],
    ).toBe(60);
    const capped = await create(p, {
      expire_seconds: 9_999_999,
      action_name: 'QR_STR_SCENE',
      ...scene({ scene_str: 'a' }),
    });
    expect(capped.json['expire_seconds']).toBe(2_592_000);
  });

  it('creates permanent codes without expiry, the same ticket for the same scene', async () => {
    const p = createPlatform();
    const a = (await create(p, { action_name: 'QR_LIMIT_STR_SCENE', ...scene({ scene_str: 'shop' }) })).json;
    const b = (await create(p, { action_name: 'QR_LIMIT_STR_SCENE', ...scene({ scene_str: 'shop' }) })).json;
    expect(a['expire_seconds']).toBeUndefined();
    expect(b['ticket']).toBe(a['ticket']);
    const n = (await create(p, { action_name: 'QR_LIMIT_SCENE', ...scene({ scene_id: 100_000 }) })).json;
    p.advance(365 * 86_400);
    expect(resolveQrTicket(p.state, String(a['ticket']))).toEqual({ sceneStr: 'shop', expired: false });
    expect(resolveQrTicket(p.state, String(n['ticket']))).toEqual({ sceneId: 100_000, expired: false });
  });

  it.each([
    ['an unknown action_name', { action_name: 'QR_FOO', ...scene({ scene_id: 1 }) }],
    ['a permanent scene_id above 100000', { action_name: 'QR_LIMIT_SCENE', ...scene({ scene_id: 100_001 }) }],
    ['a zero scene_id', { action_name: 'QR_SCENE', ...scene({ scene_id: 0 }) }],
    ['a 65-character scene_str', { action_name: 'QR_STR_SCENE', ...scene({ scene_str: 'x'.repeat(65) }) }],
    ['no scene', { action_name: 'QR_STR_SCENE' }],
  ])('answers %s with 40053', async (_name, body) => {
    expectError(await create(createPlatform(), body), 40053);
  });

  it('serves the image of a ticket at showqrcode (URL-encoded ticket, no token), 404 once expired', async () => {
    const p = createPlatform();
    const { ticket } = (
      await create(p, { expire_seconds: 60, action_name: 'QR_STR_SCENE', ...scene({ scene_str: 'promo' }) })
    ).json;
    const image = await p.send('GET', `/cgi-bin/showqrcode?ticket=${encodeURIComponent(String(ticket))}`);
    expect(image.headers.get('content-type')).toBe('image/svg+xml');
    expect(image.text).toContain('promo');
    p.advance(60);
    expect(
      (await p.send('GET', `/cgi-bin/showqrcode?ticket=${encodeURIComponent(String(ticket))}`)).status,
    ).toBe(404);
  });
});

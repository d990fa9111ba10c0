/**
 * The statistics endpoints of the emulator, called raw: every one checks its range as WeChat does (61500 for a
 * date that is not YYYY-MM-DD, 61501 for a range beyond its span or backwards) and counts what the fan side did.
 */
import { describe, expect, it } from 'vitest';
import { DATACUBE_SPANS, type DatacubeName } from '../../../../src/api/datacube-rules.js';
import { endpoints } from '../../../../src/api/endpoints.js';
import { activities } from '../../../../src/emulator/activity.js';
import { createEmulator } from '../../../../src/emulator/app.js';
import { DEFAULT_FAN } from '../../../../src/emulator/fans/create-fan.js';
import { createPlatform, expectError } from './helpers.js';

const names = Object.keys(DATACUBE_SPANS) as DatacubeName[];

describe('the statistics endpoints', () => {
  it.each(names)(
    '%s answers 61500 for a malformed date and 61501 for a range beyond its span',
    async (name) => {
      const p = createPlatform();
      const path = endpoints[name].path;
      expectError(await p.post(path, { begin_date: '2024-6-1', end_date: '2024-06-01' }), 61500);
      expectError(await p.post(path, { end_date: '2024-06-01' }), 61500);
      // One day more than the span: 2024-06-01 plus `span` days.
      const end = new Date(Date.UTC(2024, 5, 1 + DATACUBE_SPANS[name])).toISOString().slice(0, 10);
      expectError(await p.post(path, { begin_date: '2024-06-01', end_date: end }), 61501);
      expectError(await p.post(path, { begin_date: '2024-06-02', end_date: '2024-06-01' }), 61501);
      const ok = await p.post(path, { begin_date: '2024-06-01', end_date: '2024-06-01' });
      expect(ok.json['list'], ok.text).toEqual(expect.any(Array));
    },
  );

  it('counts what a fan does on the phone: the follow, the message, the server’s answer', async () => {
    const emulator = createEmulator({ account: { webhookUrl: undefined } });
    const fan = DEFAULT_FAN.openid;
    await emulator.fans.unfollow(fan);
    await emulator.fans.follow(fan);
    await emulator.fans.text(fan, 'hello');
    const kinds = activities(emulator.state).map((a) => a.kind);
    expect(kinds).toEqual(['unfollow', 'follow', 'message']);
    expect(activities(emulator.state)[1]).toMatchObject({ openid: fan, source: 1 });
  });
});

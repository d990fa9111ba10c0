import { describe, expect, it } from 'vitest';
import { CHAT_FORMAT } from '../../../src/emulator/chat-entry.js';
import { upgradeSavedChats } from '../../../src/emulator/saved-chats.js';

const entry = (fields: Record<string, unknown>) => ({
  id: 'chat_1',
  openid: 'oA',
  direction: 'out',
  at: 1,
  ...fields,
});

/** The chats of a state file written before chat entries were typed. */
const old = {
  chats: [
    [
      'oA',
      [
        entry({ via: 'fan', msgType: 'text', payload: { content: 'hi' } }),
        entry({
          via: 'customer-service',
          msgType: 'image',
          payload: {
            media_id: 'm1',
            mediaUrl: 'http://127.0.0.1:3000/__emulator/media/m1',
            kfAccount: 'kf1@wx',
          },
        }),
        entry({
          via: 'customer-service',
          msgType: 'news',
          payload: {
            articles: [{ title: 'T', description: 'D', url: 'https://e.x/a', picurl: 'https://e.x/p.png' }],
          },
        }),
        entry({ via: 'mass', msgType: 'image', payload: { media_ids: ['m1', 'm2'], msgId: '1000000002' } }),
        entry({ via: 'mass', msgType: 'text', payload: { content: 'p', preview: true } }),
        entry({ via: 'customer-service', msgType: 'text', payload: { content: '' } }),
      ],
    ],
  ],
};

describe('upgradeSavedChats', () => {
  it('turns the JSON of customer-service and mass entries into typed entries, keeping the others', () => {
    const upgraded = upgradeSavedChats(old);
    expect(upgraded['chatFormat']).toBe(CHAT_FORMAT);
    const [[, entries]] = upgraded['chats'] as [[string, Record<string, unknown>[]]];
    expect(entries).toEqual([
      entry({ via: 'fan', msgType: 'text', payload: { content: 'hi' } }),
      entry({
        via: 'customer-service',
        kfAccount: 'kf1@wx',
        msgType: 'image',
        payload: { mediaId: 'm1', url: 'http://127.0.0.1:3000/__emulator/media/m1' },
      }),
      entry({
        via: 'customer-service',
        msgType: 'news',
        payload: {
          articles: [{ title: 'T', description: 'D', url: 'https://e.x/a', picUrl: 'https://e.x/p.png' }],
        },
      }),
      entry({
        via: 'mass',
        msgId: '1000000002',
        msgType: 'image',
        payload: {
          mediaId: 'm1',
          url: '/__emulator/media/m1',
          more: [{ mediaId: 'm2', url: '/__emulator/media/m2' }],
        },
      }),
      entry({ via: 'mass', preview: true, msgType: 'text', payload: { content: 'p' } }),
      // The API would refuse it today (44004): kept readable as a note.
      entry({ via: 'customer-service', msgType: 'system', payload: { content: '[text]' } }),
    ]);
  });

  it('leaves a file written since entries are typed as it is', () => {
    const current = { chatFormat: CHAT_FORMAT, chats: [['oA', [entry({ via: 'mass', msgType: 'image' })]]] };
    expect(upgradeSavedChats(current)).toBe(current);
  });
});

/** A slow push's ticket in the dedup: a string no rendered answer can be, read back to the push's key and time. */
import { describe, expect, it } from 'vitest';
import { parseMessage } from '../../../../src/messages/parse.js';
import { inbound } from '../../../../src/push/index.js';
import { isTicket, readTicket, ticketAnswer } from '../../../../src/webhook/slow/ticket.js';
import { FAN } from '../support.js';

const message = parseMessage(inbound.text(FAN, 'sleep 20', '42'));

describe('ticket', () => {
  it('reads back the first attempt time, keyed by the push', () => {
    expect(readTicket(ticketAnswer(1_714_112_445_000), message)).toEqual({
      slowTicket: true,
      key: 'msg:42',
      firstSeenMs: 1_714_112_445_000,
    });
  });
  it('is no ticket for a rendered answer, success or the empty body', () => {
    for (const answer of ['<xml><Content>hi</Content></xml>', 'success', '', '\u0000other']) {
      expect(readTicket(answer, message)).toBeUndefined();
    }
  });
  it('tells a ticket from a reply', () => {
    expect(isTicket({ slowTicket: true, key: 'msg:42', firstSeenMs: 0 })).toBe(true);
    expect(isTicket({ type: 'text', content: 'hi' })).toBe(false);
    expect(isTicket(null)).toBe(false);
  });
});

/**
 * Fuzz: the XML parser and the message reader take any text (mutated WeChat pushes, hostile pieces, arbitrary
 * characters) and either read it or refuse it with XML_MALFORMED / XML_FORBIDDEN, never another error; and any reply
 * text, `]]>` and forbidden characters included, renders into XML that reads back.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { WeChatError } from '../../src/errors.js';
import { messageFromXml } from '../../src/messages/parse.js';
import { parseReply } from '../../src/replies/parse.js';
import { renderReply } from '../../src/replies/render.js';
import { parseXml } from '../../src/xml/parse.js';
import { eventSamples, messageSamples } from '../fixtures/messages.js';
import { hostileText, mutated, runs, settings, tally } from './budget.js';

const SAMPLES = [...Object.values(messageSamples), ...Object.values(eventSamples)];
const XML_REFUSALS = new Set(['XML_MALFORMED', 'XML_FORBIDDEN']);

function readOrRefuse(text: string): void {
  try {
    messageFromXml(parseXml(text).value);
  } catch (err) {
    if (!(err instanceof WeChatError) || !XML_REFUSALS.has(err.code)) throw err;
  }
}

describe('fuzz: XML', () => {
  it('mutated WeChat pushes are read or refused with an XML code', () => {
    let count = 0;
    const numRuns = runs(25_000);
    fc.assert(
      fc.property(
        fc.constantFrom(...SAMPLES).chain((sample) => mutated(sample)),
        (text) => {
          count++;
          readOrRefuse(text);
        },
      ),
      settings(numRuns),
    );
    tally('xml mutated pushes', count);
    expect(count).toBe(numRuns);
  });

  it('arbitrary text is read or refused with an XML code', () => {
    let count = 0;
    const numRuns = runs(10_000);
    fc.assert(
      fc.property(fc.oneof(hostileText, fc.string({ unit: 'binary', maxLength: 400 })), (text) => {
        count++;
        readOrRefuse(text);
      }),
      settings(numRuns),
    );
    tally('xml arbitrary text', count);
    expect(count).toBe(numRuns);
  });

  it('any reply text renders into XML that reads back', () => {
    let count = 0;
    const numRuns = runs(5000);
    const address = {
      toUserName: 'oFan',
      fromUserName: 'gh_account',
      createTime: 1,
      answersUserMessage: true,
    };
    fc.assert(
      fc.property(fc.oneof(hostileText, fc.string({ unit: 'binary', maxLength: 200 })), (content) => {
        count++;
        let xml: string;
        try {
          xml = renderReply({ type: 'text', content }, address);
        } catch (err) {
          // A text with nothing left to show once cleaned is not sent (REPLY_INVALID).
          expect((err as WeChatError).code).toBe('REPLY_INVALID');
          return;
        }
        expect(parseReply(xml).reply).toMatchObject({ type: 'text' });
      }),
      settings(numRuns),
    );
    tally('xml reply rendering', count);
    expect(count).toBe(numRuns);
  });
});

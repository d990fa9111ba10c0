import { createServer } from 'node:http';
import express from 'express';
import { describe, expect, it } from 'vitest';
import { expressHandler } from '../../../src/webhook/adapters/express.js';
import type { Webhook } from '../../../src/webhook/index.js';
import {
  describeAdapter,
  listen,
  repliedText,
  send,
  textPush,
  withServer,
  expectBodyConsumedAnswer,
  type Start,
} from './shared.js';

describeAdapter('express', (webhook) => listen(createServer(express().all('/wx', expressHandler(webhook)))));

/** An Express app with `parsers` mounted app-wide before the webhook. */
function withParsers(...parsers: express.RequestHandler[]): Start {
  return (webhook: Webhook) =>
    listen(
      createServer(
        express()
          .use(...parsers)
          .all('/wx', expressHandler(webhook)),
      ),
    );
}

describe('express adapter: body parsers mounted before the webhook', () => {
  describe('express.json() and express.urlencoded() (they leave text/xml unread)', () => {
    withServer(withParsers(express.json(), express.urlencoded()), (server) => {
      it('still reads the raw XML and echoes the message', async () => {
        const push = textPush('after json()');
        const answer = await send(`${server().url}${push.search}`, { body: push.body });
        expect(repliedText(answer)).toBe('after json()');
      });
    });
  });

  describe("express.raw({ type: '*/*' })", () => {
    withServer(withParsers(express.raw({ type: '*/*', limit: '1mb' })), (server) => {
      it('uses the Buffer in req.body and echoes the message', async () => {
        const push = textPush('after raw()', 'safe');
        const answer = await send(`${server().url}${push.search}`, { body: push.body });
        expect(repliedText(answer, 'safe')).toBe('after raw()');
      });
    });
  });

  describe("express.text({ type: '*/*' })", () => {
    withServer(withParsers(express.text({ type: '*/*', limit: '1mb' })), (server) => {
      it('uses the string in req.body and echoes the message', async () => {
        const push = textPush('after text() 文本');
        const answer = await send(`${server().url}${push.search}`, { body: push.body });
        expect(repliedText(answer)).toBe('after text() 文本');
      });
    });
  });

  describe("a parser that consumed the body into an object (express.urlencoded({ type: '*/*' }))", () => {
    withServer(withParsers(express.urlencoded({ type: '*/*' })), (server) => {
      it('answers 500 (and warns) saying to mount the webhook first or to use express.raw/express.text', async () => {
        const fix =
          /mount the webhook before express\.json\(\)\/express\.urlencoded\(\).*express\.raw\(\{ type: '\*\/\*' \}\)/;
        await expectBodyConsumedAnswer(server().url, fix);
      });
    });
  });
});

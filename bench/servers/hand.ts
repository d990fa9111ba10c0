/**
 * The reference: the echo bot written by hand for this one job, with node:http and node:crypto only. It checks the
 * signature (plain) or msg_signature and decrypts (safe), reads the fields with regular expressions, answers the
 * text back (encrypted and signed in safe mode), and passes the same reply checks as wxmp before it is measured.
 * No router, no typed messages, no dedup, no error handling beyond the 401: the floor a library cannot go below,
 * measured on the same machine in the same run, so the ratios of wxmp can be read against it.
 *
 * `hand.ts plain|safe`.
 * @module
 */
import { createCipheriv, createDecipheriv, createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { createServer, type ServerResponse } from 'node:http';
import { BENCH_ACCOUNT, type BenchMode } from '../account.js';
import { serveChild, type Counters } from './child.js';

const mode = process.argv[2] as BenchMode;
if (mode !== 'plain' && mode !== 'safe') throw new Error('usage: hand.ts plain|safe');

const { token, appId } = BENCH_ACCOUNT;
const key = Buffer.from(`${BENCH_ACCOUNT.encodingAESKey}=`, 'base64');
const iv = key.subarray(0, 16);
const counters: Counters = { handlerRuns: 0, dedupCalls: 0 };

const sha1 = (...parts: string[]) => createHash('sha1').update(parts.sort().join('')).digest('hex');
const matches = (a: string, b: string | null) =>
  b !== null && a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));
const cdata = (xml: string, tag: string) =>
  new RegExp(`<${tag}><!\\[CDATA\\[([\\s\\S]*?)\\]\\]></${tag}>`).exec(xml)?.[1] ?? '';

function decrypt(encrypted: string): string | undefined {
  const decipher = createDecipheriv('aes-256-cbc', key, iv).setAutoPadding(false);
  const padded = Buffer.concat([decipher.update(encrypted, 'base64'), decipher.final()]);
  const plain = padded.subarray(0, padded.length - padded[padded.length - 1]!);
  const length = plain.readUInt32BE(16);
  if (plain.subarray(20 + length).toString() !== appId) return undefined;
  return plain.subarray(20, 20 + length).toString();
}

function encrypt(xml: string): string {
  const message = Buffer.from(xml);
  const length = Buffer.alloc(4);
  length.writeUInt32BE(message.length);
  const raw = Buffer.concat([randomBytes(16), length, message, Buffer.from(appId)]);
  const pad = 32 - (raw.length % 32);
  const cipher = createCipheriv('aes-256-cbc', key, iv).setAutoPadding(false);
  return Buffer.concat([
    cipher.update(Buffer.concat([raw, Buffer.alloc(pad, pad)])),
    cipher.final(),
  ]).toString('base64');
}

function send(res: ServerResponse, status: number, body: string): void {
  res.writeHead(status, { 'content-type': 'application/xml', 'content-length': Buffer.byteLength(body) });
  res.end(body);
}

const server = createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on('data', (chunk: Buffer) => chunks.push(chunk));
  req.on('end', () => {
    const query = new URLSearchParams((req.url ?? '').split('?')[1]);
    const timestamp = query.get('timestamp') ?? '';
    const nonce = query.get('nonce') ?? '';
    let xml = Buffer.concat(chunks).toString();
    if (mode === 'safe') {
      const encrypted = /<Encrypt><!\[CDATA\[([^\]]*)\]\]><\/Encrypt>/.exec(xml)?.[1] ?? '';
      if (!matches(sha1(token, timestamp, nonce, encrypted), query.get('msg_signature')))
        return send(res, 401, '');
      const decrypted = decrypt(encrypted);
      if (decrypted === undefined) return send(res, 400, '');
      xml = decrypted;
    } else if (!matches(sha1(token, timestamp, nonce), query.get('signature'))) return send(res, 401, '');
    counters.handlerRuns++;
    counters.dedupCalls++;
    const content = cdata(xml, 'Content').replaceAll(']]>', ']]]]><![CDATA[>');
    const reply =
      `<xml><ToUserName><![CDATA[${cdata(xml, 'FromUserName')}]]></ToUserName>` +
      `<FromUserName><![CDATA[${cdata(xml, 'ToUserName')}]]></FromUserName>` +
      `<CreateTime>${Math.floor(Date.now() / 1000)}</CreateTime><MsgType><![CDATA[text]]></MsgType>` +
      `<Content><![CDATA[${content}]]></Content></xml>`;
    if (mode === 'plain') return send(res, 200, reply);
    const encrypted = encrypt(reply);
    send(
      res,
      200,
      `<xml><Encrypt><![CDATA[${encrypted}]]></Encrypt>` +
        `<MsgSignature><![CDATA[${sha1(token, timestamp, nonce, encrypted)}]]></MsgSignature>` +
        `<TimeStamp>${timestamp}</TimeStamp><Nonce><![CDATA[${nonce}]]></Nonce></xml>`,
    );
  });
});

await serveChild(server, counters);

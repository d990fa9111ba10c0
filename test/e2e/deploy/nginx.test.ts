/**
 * The front door as shipped: Debian's nginx with deploy/nginx/wxmp.conf (ports, certificate and instances
 * replaced) on loopback, in front of two `wxmp serve` instances in safe mode sharing the real Redis, driven by the
 * emulator as WeChat.
 */
import { request } from 'node:https';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkReply } from '../../../src/push/index.js';
import { signedRequest } from '../../../src/testing/requests.js';
import { startCluster, type Cluster } from '../../support/cluster/cluster.js';
import { answersOf, drive, leakedSecrets, settle } from '../../support/cluster/drive.js';
import { nginxAvailable } from '../../support/cluster/nginx.js';
import { redisAvailable } from '../../support/redis.js';

const ready = nginxAvailable() && (await redisAvailable());
const SLOW_MS = 6000;

/** POST over TLS to the self-signed test certificate. */
function postTls(url: string, body: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method: 'POST', rejectUnauthorized: false }, (res) => {
      let text = '';
      res.on('data', (d: Buffer) => (text += d.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

/** GET over http, or over TLS to the self-signed test certificate. */
async function getAllowingSelfSigned(url: string): Promise<{ status: number; body: string }> {
  if (url.startsWith('http:')) {
    const res = await fetch(url);
    return { status: res.status, body: await res.text() };
  }
  return new Promise((resolve, reject) => {
    request(url, { method: 'GET', rejectUnauthorized: false }, (res) => {
      let text = '';
      res.on('data', (d: Buffer) => (text += d.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
    })
      .on('error', reject)
      .end();
  });
}

/** The sum of one series over the instances' /metrics. */
async function metricSum(cluster: Cluster, series: string): Promise<number> {
  let sum = 0;
  for (const instance of cluster.instances) {
    const text = await (await fetch(`http://127.0.0.1:${instance.port}/metrics`)).text();
    const line = text.split('\n').find((l) => l.startsWith(`${series} `));
    sum += line === undefined ? 0 : Number(line.slice(series.length + 1));
  }
  return sum;
}

describe.skipIf(!ready)(
  'nginx (deploy/nginx/wxmp.conf) in front of two wxmp serve instances with Redis',
  () => {
    let cluster: Cluster;
    beforeAll(async () => {
      cluster = await startCluster({ instances: 2, slowMs: SLOW_MS });
    }, 60_000);
    afterAll(async () => {
      await cluster?.stop();
    }, 30_000);

    it('answers fans through nginx: passive replies at once, a slow answer as a customer-service message', async () => {
      const fans = cluster.addFans(4);
      const sent = await drive(cluster, { messages: 20, slowEvery: 10, fans, label: 'front' });
      await settle(cluster, sent, SLOW_MS + 10_000);
      const answers = answersOf(cluster, sent);
      expect([...answers.values()]).toEqual(sent.map(() => 1));
      expect(sent.filter((s) => s.notice)).toEqual([]);
      const runs = await cluster.runs();
      for (const s of sent) expect(runs.get(s.text), s.text).toBe(1);
      // Both instances took pushes (nginx balanced them).
      for (const instance of cluster.instances) {
        const text = await (await fetch(`http://127.0.0.1:${instance.port}/metrics`)).text();
        expect(text).toMatch(/wxmp_pushes_total\{type="text",mode="safe"\} [1-9]/);
      }
    }, 60_000);

    it('passes the echostr check of 服务器配置 (提交) through nginx, over http and https, and refuses a wrong Token', async () => {
      const { token } = cluster.emulator.state.account;
      for (const origin of [cluster.nginx.http, cluster.nginx.https]) {
        const verify = signedRequest.verify({ token, echostr: '1234567890123' });
        const res = await getAllowingSelfSigned(`${origin}${verify.url}`);
        expect(res).toEqual({ status: 200, body: '1234567890123' });
      }
      const wrong = signedRequest.verify({ token: 'notTheToken', echostr: '1234567890123' });
      const refused = await getAllowingSelfSigned(`${cluster.nginx.http}${wrong.url}`);
      expect(refused.status).toBe(401);
      expect(refused.body).not.toContain('1234567890123');
    });

    it('dedups across instances: the same push at each instance gets the same answer, the handler runs once', async () => {
      const [fan] = cluster.addFans(1);
      const [sent] = await drive(cluster, { messages: 1, slowEvery: 0, fans: [fan!], label: 'dedup' });
      const record = cluster.emulator.state.pushes.find((p) => p.messageXml.includes(sent!.text))!;
      const account = cluster.emulator.state.account;
      const keys = {
        token: account.token,
        mode: account.mode,
        appId: account.appId,
        encodingAESKey: account.encodingAESKey,
      };
      const duplicatesBefore = await metricSum(cluster, 'wxmp_duplicates_total');
      for (const instance of cluster.instances) {
        const res = await fetch(`http://127.0.0.1:${instance.port}/wx${record.requestQuery}`, {
          method: 'POST',
          body: record.requestBody,
        });
        const verdict = checkReply(res.status, await res.text(), {
          keys,
          fan: fan!,
          account: account.ghId,
          answersUserMessage: true,
        });
        expect(verdict.ok && verdict.reply).toEqual({ type: 'text', content: `answer:${sent!.text}` });
      }
      expect((await cluster.runs()).get(sent!.text)).toBe(1);
      expect((await metricSum(cluster, 'wxmp_duplicates_total')) - duplicatesBefore).toBe(2);
    }, 30_000);

    it('serves the webhook over TLS, redirects the rest of port 80 to https, and keeps /metrics off the site', async () => {
      const [fan] = cluster.addFans(1);
      const [sent] = await drive(cluster, { messages: 1, slowEvery: 0, fans: [fan!], label: 'tls' });
      const record = cluster.emulator.state.pushes.find((p) => p.messageXml.includes(sent!.text))!;
      const tls = await postTls(`${cluster.nginx.https}/wx${record.requestQuery}`, record.requestBody);
      expect(tls.status).toBe(200);
      expect(tls.body).toContain('<Encrypt>');
      const redirect = await fetch(`${cluster.nginx.http}/anything?x=1`, { redirect: 'manual' });
      expect(redirect.status).toBe(301);
      expect(redirect.headers.get('location')).toBe('https://127.0.0.1/anything?x=1');
      expect((await fetch(`${cluster.nginx.http}/metrics`, { redirect: 'manual' })).status).toBe(301);
      const overTls = await new Promise<number>((resolve, reject) => {
        request(`${cluster.nginx.https}/metrics`, { rejectUnauthorized: false }, (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        })
          .on('error', reject)
          .end();
      });
      expect(overTls).toBe(404);
    }, 30_000);

    it("refuses a body past wxmp's limit at nginx (413) and keeps the query out of the access log", async () => {
      const res = await fetch(`${cluster.nginx.http}/wx?signature=x&openid=oSecretFan`, {
        method: 'POST',
        body: 'x'.repeat(200 * 1024),
      });
      expect(res.status).toBe(413);
      // The error log keeps the request line of what nginx refused (its level "error"); the access log never the query.
      // nginx writes the line once the answer is out, which may be just after the client read it.
      await expect.poll(() => cluster.nginx.accessLog()).toContain('"POST /wx HTTP/1.1" 413');
      expect(cluster.nginx.accessLog()).not.toContain('oSecretFan');
    });

    it('writes no secret into any log: AppSecret, Token, EncodingAESKey, client key, access tokens', () => {
      const secrets = cluster.secrets();
      expect(secrets.length).toBeGreaterThan(4);
      expect(leakedSecrets(cluster.logs(), secrets)).toEqual([]);
    });
  },
);

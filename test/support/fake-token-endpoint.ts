/**
 * A stand-in for WeChat's token endpoints, behaving the way the protocol reference (§8, §9.10) describes:
 *
 * - `POST /cgi-bin/stable_token`: hands out the current stable token with its *remaining* lifetime; issues a new one
 *   once less than 5 minutes remain; `force_refresh: true` issues a new one at once and retires the old one.
 * - `GET /cgi-bin/token`: every call issues a new token; the previous one stays valid for 5 more minutes.
 * - `GET /cgi-bin/ticket/getticket`: 40001 for a token that is not valid, else the current ticket (renewed once
 *   less than 5 minutes remain).
 *
 * Errors can be queued (`failNext`), every call is recorded (`calls`), and the clock is injectable so tests move
 * time without waiting. Unit tests call `fetch` (no socket); integration tests `listen()` on 127.0.0.1, port 0.
 */
import { serve } from '@hono/node-server';
import { Hono } from 'hono';
import type { AddressInfo } from 'node:net';

export interface FakeTokenPlatformOptions {
  appId?: string;
  appSecret?: string;
  now?: () => number;
  /** Lifetime of new tokens and tickets, in seconds; WeChat uses 7200. */
  ttlSec?: number;
  /** Delay before each token answer, so concurrent callers really overlap. */
  latencyMs?: number;
}

export interface RecordedCall {
  endpoint: 'stable_token' | 'token' | 'getticket';
  at: number;
  force?: boolean;
  /** The errcode answered, 0 on success. */
  errcode: number;
}

interface Issued {
  value: string;
  expiresAt: number;
}

const ROTATE_AHEAD_MS = 5 * 60_000;
const GRACE_MS = 5 * 60_000;

export class FakeTokenPlatform {
  readonly appId: string;
  readonly appSecret: string;
  readonly calls: RecordedCall[] = [];
  readonly app = new Hono();
  latencyMs: number;

  readonly #now: () => number;
  readonly #ttlMs: number;
  /** Every token that WeChat would accept right now, with its own expiry. */
  readonly #valid = new Map<string, number>();
  #stable: Issued | undefined;
  #ticket: Issued | undefined;
  #serial = 0;
  readonly #failures: { errcode: number; errmsg: string; endpoints: RecordedCall['endpoint'][] }[] = [];

  constructor(options: FakeTokenPlatformOptions = {}) {
    this.appId = options.appId ?? 'wx0123456789abcdef';
    this.appSecret = options.appSecret ?? '0123456789abcdef0123456789abcdef';
    this.#now = options.now ?? Date.now;
    this.#ttlMs = (options.ttlSec ?? 7200) * 1000;
    this.latencyMs = options.latencyMs ?? 0;
    this.#routes();
  }

  /** A `fetch` that answers in-process, for unit tests. */
  readonly fetch: typeof fetch = async (input, init) => this.app.fetch(new Request(input, init));

  /** The next `times` calls to `endpoints` answer this error. */
  failNext(
    errcode: number,
    errmsg: string,
    options: { times?: number; endpoints?: RecordedCall['endpoint'][] } = {},
  ): void {
    const endpoints = options.endpoints ?? ['stable_token', 'token'];
    for (let i = 0; i < (options.times ?? 1); i++) this.#failures.push({ errcode, errmsg, endpoints });
  }

  /** Whether an API call with `token` would be accepted now. */
  isValid(token: string): boolean {
    const until = this.#valid.get(token);
    return until !== undefined && until > this.#now();
  }

  /** WeChat stops accepting `token` (while stable_token may still hand it out, as after a server-side revoke). */
  revoke(token: string): void {
    this.#valid.delete(token);
  }

  /** Calls to one endpoint. */
  count(endpoint: RecordedCall['endpoint'], filter: (call: RecordedCall) => boolean = () => true): number {
    return this.calls.filter((c) => c.endpoint === endpoint && filter(c)).length;
  }

  /** Serves the platform on 127.0.0.1 with a free port. */
  async listen(): Promise<{ url: string; close: () => Promise<void> }> {
    return new Promise((resolve) => {
      const server = serve({ fetch: this.app.fetch, hostname: '127.0.0.1', port: 0 }, (info: AddressInfo) => {
        resolve({
          url: `http://127.0.0.1:${info.port}`,
          close: () =>
            new Promise<void>((done) => {
              if ('closeAllConnections' in server) server.closeAllConnections();
              server.close(() => done());
            }),
        });
      });
    });
  }

  #routes(): void {
    this.app.post('/cgi-bin/stable_token', async (c) => {
      await this.#delay();
      const body = (await c.req.json().catch(() => ({}))) as Record<string, unknown>;
      const force = body['force_refresh'] === true;
      const failure = this.#failure('stable_token', force);
      if (failure) return c.json(failure);
      const credentials = this.#checkCredentials(body['grant_type'], body['appid'], body['secret']);
      if (credentials) return c.json(this.#record('stable_token', credentials, force));
      const now = this.#now();
      if (force && this.#stable) this.#valid.delete(this.#stable.value);
      if (force || !this.#stable || this.#stable.expiresAt - now <= ROTATE_AHEAD_MS) {
        this.#stable = this.#issue('STABLE');
      }
      this.#record('stable_token', { errcode: 0, errmsg: 'ok' }, force);
      return c.json({
        access_token: this.#stable.value,
        expires_in: Math.floor((this.#stable.expiresAt - now) / 1000),
      });
    });

    this.app.get('/cgi-bin/stable_token', (c) =>
      c.json({ errcode: 43002, errmsg: 'require POST method rid: 000000-fake' }),
    );

    this.app.get('/cgi-bin/token', async (c) => {
      await this.#delay();
      const failure = this.#failure('token');
      if (failure) return c.json(failure);
      const credentials = this.#checkCredentials(
        c.req.query('grant_type'),
        c.req.query('appid'),
        c.req.query('secret'),
      );
      if (credentials) return c.json(this.#record('token', credentials));
      // Each call issues a new token; the previous ones stay valid for the 5-minute grace period at most.
      const now = this.#now();
      for (const [token, until] of this.#valid) {
        if (token.startsWith('CLASSIC')) this.#valid.set(token, Math.min(until, now + GRACE_MS));
      }
      const issued = this.#issue('CLASSIC');
      this.#record('token', { errcode: 0, errmsg: 'ok' });
      return c.json({ access_token: issued.value, expires_in: this.#ttlMs / 1000 });
    });

    this.app.get('/cgi-bin/ticket/getticket', async (c) => {
      await this.#delay();
      const failure = this.#failure('getticket');
      if (failure) return c.json(failure);
      const token = c.req.query('access_token') ?? '';
      if (!this.isValid(token)) {
        return c.json(
          this.#record('getticket', {
            errcode: 40001,
            errmsg: 'invalid credential, access_token is invalid or not latest rid: 000000-fake',
          }),
        );
      }
      const now = this.#now();
      // Like stable_token (an assumption: WeChat does not document it): the same ticket until 5 minutes are left.
      if (!this.#ticket || this.#ticket.expiresAt - now <= ROTATE_AHEAD_MS) {
        this.#serial += 1;
        this.#ticket = {
          value: `TICKET-${this.#serial}-${c.req.query('type') ?? ''}`,
          expiresAt: now + this.#ttlMs,
        };
      }
      this.#record('getticket', { errcode: 0, errmsg: 'ok' });
      return c.json({
        errcode: 0,
        errmsg: 'ok',
        ticket: this.#ticket.value,
        expires_in: Math.floor((this.#ticket.expiresAt - now) / 1000),
      });
    });
  }

  #issue(kind: string): Issued {
    this.#serial += 1;
    const issued = {
      value: `${kind}-${this.#serial}-${Math.random().toString(36).slice(2, 12)}`,
      expiresAt: this.#now() + this.#ttlMs,
    };
    this.#valid.set(issued.value, issued.expiresAt);
    return issued;
  }

  #checkCredentials(
    grantType: unknown,
    appId: unknown,
    secret: unknown,
  ): { errcode: number; errmsg: string } | undefined {
    if (grantType !== 'client_credential')
      return { errcode: 40002, errmsg: 'invalid grant_type rid: 000000-fake' };
    if (appId !== this.appId) return { errcode: 40013, errmsg: 'invalid appid rid: 000000-fake' };
    if (secret === undefined || secret === '')
      return { errcode: 41004, errmsg: 'appsecret missing rid: 000000-fake' };
    if (secret !== this.appSecret) return { errcode: 40125, errmsg: 'invalid appsecret rid: 000000-fake' };
    return undefined;
  }

  #failure(
    endpoint: RecordedCall['endpoint'],
    force?: boolean,
  ): { errcode: number; errmsg: string } | undefined {
    const index = this.#failures.findIndex((f) => f.endpoints.includes(endpoint));
    if (index < 0) return undefined;
    const [failure] = this.#failures.splice(index, 1);
    return failure && this.#record(endpoint, { errcode: failure.errcode, errmsg: failure.errmsg }, force);
  }

  #record<T extends { errcode: number }>(endpoint: RecordedCall['endpoint'], answer: T, force?: boolean): T {
    this.calls.push({
      endpoint,
      at: this.#now(),
      errcode: answer.errcode,
      ...(force === undefined ? {} : { force }),
    });
    return answer;
  }

  async #delay(): Promise<void> {
    if (this.latencyMs > 0) await new Promise((resolve) => setTimeout(resolve, this.latencyMs));
  }
}

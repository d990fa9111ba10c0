/**
 * The files of deploy/ agree with wxmp: nginx accepts exactly the bodies wxmp accepts and waits past WeChat's
 * attempts, systemd and pm2 wait longer than wxmp's shutdown grace, and all three name the same ports.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { DEFAULT_SHUTDOWN_GRACE_MS } from '../../../src/http-server/graceful-close.js';
import { DEFAULT_MAX_BODY_BYTES } from '../../../src/webhook/settings.js';

const deploy = (path: string) => fileURLToPath(new URL(`../../../deploy/${path}`, import.meta.url));
const site = readFileSync(deploy('nginx/wxmp.conf'), 'utf8');
const snippet = readFileSync(deploy('nginx/snippets/wxmp-proxy.conf'), 'utf8');
const unit = readFileSync(deploy('systemd/wxmp.service'), 'utf8');
const pm2 = createRequire(import.meta.url)(deploy('pm2/ecosystem.config.cjs')) as {
  apps: {
    args: string[];
    instances: number;
    increment_var: string;
    env: { PORT: number };
    kill_timeout: number;
  }[];
};

/** The value of a directive (`name value;`), the first one. */
function directive(text: string, name: string): string {
  const found = new RegExp(`^\\s*${name}\\s+([^;]+);`, 'm').exec(text);
  if (!found) throw new Error(`no ${name}`);
  return found[1]!;
}

/** nginx time (`30s`, `2m`) in seconds. */
function seconds(value: string): number {
  const match = /^(\d+)(ms|s|m)?$/.exec(value)!;
  const n = Number(match[1]);
  return match[2] === 'm' ? n * 60 : match[2] === 'ms' ? n / 1000 : n;
}

const upstreamPorts = [...site.matchAll(/^\s*server 127\.0\.0\.1:(\d+)/gm)].map((m) => Number(m[1]));

describe('deploy/nginx', () => {
  it("refuses at nginx exactly the bodies wxmp refuses (client_max_body_size = wxmp's default body limit)", () => {
    expect(directive(snippet, 'client_max_body_size')).toBe(`${DEFAULT_MAX_BODY_BYTES / 1024}k`);
  });

  it("waits longer than WeChat's three attempts (~15 s) for an answer, and detects a dead instance fast", () => {
    expect(seconds(directive(snippet, 'proxy_read_timeout'))).toBeGreaterThan(15);
    expect(seconds(directive(snippet, 'proxy_send_timeout'))).toBeGreaterThan(15);
    expect(seconds(directive(snippet, 'proxy_connect_timeout'))).toBeLessThanOrEqual(5);
  });

  it('resends a push only when the connection to an instance broke, never after a timeout', () => {
    expect(directive(snippet, 'proxy_next_upstream')).toBe('error non_idempotent');
  });

  it('resends for as long as an attempt may be held open (5.5 s): later, nginx would answer 502 for a dead instance', () => {
    expect(seconds(directive(snippet, 'proxy_next_upstream_timeout'))).toBeGreaterThan(5.5);
  });

  it('passes the webhook path on both ports, redirects the rest of port 80, and passes the caller address', () => {
    expect(site.match(/location = \/wx \{\s*include snippets\/wxmp-proxy\.conf;/g)).toHaveLength(2);
    expect(site).toContain('return 301 https://$host$request_uri;');
    expect(snippet).toContain('proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;');
    expect(snippet).toContain('proxy_set_header X-Real-IP $remote_addr;');
  });
});

describe('deploy/systemd and deploy/pm2', () => {
  it("stop with SIGTERM and wait longer than wxmp's shutdown grace before killing", () => {
    expect(unit).toMatch(/^KillSignal=SIGTERM$/m);
    const stopSec = Number(/^TimeoutStopSec=(\d+)$/m.exec(unit)?.[1]);
    expect(stopSec * 1000).toBeGreaterThan(DEFAULT_SHUTDOWN_GRACE_MS);
    expect(pm2.apps[0]!.kill_timeout).toBeGreaterThan(DEFAULT_SHUTDOWN_GRACE_MS);
    expect(unit).toMatch(/^Restart=on-failure$/m);
    expect(unit).toMatch(/^EnvironmentFile=\/etc\/wxmp\/wxmp\.env$/m);
  });

  it('run the instances on the ports of the nginx upstream', () => {
    const app = pm2.apps[0]!;
    expect(app.increment_var).toBe('PORT');
    const pm2Ports = Array.from({ length: app.instances }, (_, i) => app.env.PORT + i);
    expect(pm2Ports).toEqual(upstreamPorts);
    expect(Number(/--port (\d+)/.exec(unit)?.[1])).toBe(upstreamPorts[0]);
  });

  it('keep the instances on loopback, behind nginx', () => {
    expect(pm2.apps[0]!.args).toEqual(expect.arrayContaining(['--host', '127.0.0.1']));
    expect(unit).toMatch(/serve .*--host 127\.0\.0\.1/);
  });
});

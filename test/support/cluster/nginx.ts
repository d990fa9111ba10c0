/**
 * Debian's nginx on loopback for tests: the shipped site (deploy/nginx/wxmp.conf and its snippet) with its ports,
 * certificate and instances replaced, under a generated main configuration in a temporary prefix (pid, logs and
 * temp paths inside it), run as a non-daemon by an unprivileged user.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const NGINX = '/usr/sbin/nginx';
const DEPLOY = fileURLToPath(new URL('../../../deploy/nginx/', import.meta.url));

/** Whether Debian's nginx and openssl are here; under CI=true their absence is a failure, not a skip. */
export function nginxAvailable(): boolean {
  const ok = existsSync(NGINX) && spawnSync('openssl', ['version']).status === 0;
  if (!ok && process.env['CI'] === 'true')
    throw new Error(`${NGINX} (apt-get install nginx) and openssl are required in CI`);
  if (!ok)
    console.warn(`\n!!! NGINX SUITES SKIPPED: ${NGINX} or openssl is missing (apt-get install nginx).\n`);
  return ok;
}

/** A running nginx. */
export interface RunningNginx {
  /** `http://127.0.0.1:<port>`: the site's port-80 server. */
  http: string;
  /** `https://127.0.0.1:<port>`: the site's TLS server (a self-signed certificate). */
  https: string;
  dir: string;
  /** The error and access logs. */
  logs(): string;
  /** The site's access log. */
  accessLog(): string;
  stop(): Promise<void>;
}

/** The shipped site with the test's ports, certificate, log and instances. */
export function siteFor(options: {
  httpPort: number;
  httpsPort: number;
  upstreams: number[];
  dir: string;
}): string {
  const site = readFileSync(join(DEPLOY, 'wxmp.conf'), 'utf8');
  const servers = options.upstreams
    .map((port) => `    server 127.0.0.1:${port} max_fails=1 fail_timeout=5s;`)
    .join('\n');
  const replaced = site
    .replace(/^(\s*server 127\.0\.0\.1:\d+ [^\n]*\n)+/m, `${servers}\n`)
    .replace(/^\s*listen \[::\]:\d+[^\n]*\n/gm, '')
    .replace(/listen 80;/, `listen 127.0.0.1:${options.httpPort};`)
    .replace(/listen 443 ssl http2;/, `listen 127.0.0.1:${options.httpsPort} ssl http2;`)
    .replace(/\/etc\/letsencrypt\/live\/mp\.example\.com\//g, `${options.dir}/`)
    .replace(/\/var\/log\/nginx\//g, `${options.dir}/`);
  for (const expected of [`listen 127.0.0.1:${options.httpPort};`, `${options.dir}/fullchain.pem`, servers])
    if (!replaced.includes(expected)) throw new Error(`deploy/nginx/wxmp.conf changed shape: no ${expected}`);
  return replaced;
}

function waitForPort(port: number, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  return new Promise((resolve, reject) => {
    const attempt = () => {
      const socket = connect(port, '127.0.0.1');
      socket.once('connect', () => {
        socket.destroy();
        resolve();
      });
      socket.once('error', () => {
        socket.destroy();
        if (Date.now() > deadline) reject(new Error(`nothing listens on ${port}`));
        else setTimeout(attempt, 50);
      });
    };
    attempt();
  });
}

/** Starts nginx with the shipped site in front of `upstreams` (ports on 127.0.0.1). */
export async function startNginx(options: {
  httpPort: number;
  httpsPort: number;
  upstreams: number[];
}): Promise<RunningNginx> {
  const dir = mkdtempSync(join(tmpdir(), 'wxmp-nginx-'));
  mkdirSync(join(dir, 'snippets'));
  cpSync(join(DEPLOY, 'snippets', 'wxmp-proxy.conf'), join(dir, 'snippets', 'wxmp-proxy.conf'));
  const made = spawnSync('openssl', [
    'req',
    '-x509',
    '-newkey',
    'ec',
    '-pkeyopt',
    'ec_paramgen_curve:prime256v1',
    '-nodes',
    '-days',
    '1',
    '-subj',
    '/CN=127.0.0.1',
    '-keyout',
    join(dir, 'privkey.pem'),
    '-out',
    join(dir, 'fullchain.pem'),
  ]);
  if (made.status !== 0) throw new Error(`openssl failed: ${made.stderr.toString()}`);
  writeFileSync(join(dir, 'site.conf'), siteFor({ ...options, dir }));
  const temp = ['client_body', 'proxy', 'fastcgi', 'uwsgi', 'scgi']
    .map((name) => `    ${name}_temp_path ${dir}/${name};`)
    .join('\n');
  writeFileSync(
    join(dir, 'nginx.conf'),
    `worker_processes 1;
pid ${dir}/nginx.pid;
error_log ${dir}/error.log warn;
events { worker_connections 1024; }
http {
${temp}
    access_log ${dir}/access.log;
    include site.conf;
}
`,
  );
  const test = spawnSync(NGINX, [
    '-t',
    '-q',
    '-p',
    `${dir}/`,
    '-c',
    join(dir, 'nginx.conf'),
    '-e',
    join(dir, 'error.log'),
  ]);
  if (test.status !== 0) throw new Error(`nginx -t: ${test.stderr.toString()}`);
  const child: ChildProcess = spawn(
    NGINX,
    ['-p', `${dir}/`, '-c', join(dir, 'nginx.conf'), '-e', join(dir, 'error.log'), '-g', 'daemon off;'],
    { stdio: ['ignore', 'ignore', 'pipe'] },
  );
  let stderr = '';
  child.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  await Promise.race([
    waitForPort(options.httpPort, 10_000),
    exited.then(() => {
      throw new Error(`nginx exited: ${stderr}`);
    }),
  ]);
  await waitForPort(options.httpsPort, 10_000);
  const read = (file: string) => (existsSync(join(dir, file)) ? readFileSync(join(dir, file), 'utf8') : '');
  return {
    http: `http://127.0.0.1:${options.httpPort}`,
    https: `https://127.0.0.1:${options.httpsPort}`,
    dir,
    accessLog: () => read('wxmp.access.log'),
    logs: () => `${read('error.log')}\n${read('access.log')}\n${read('wxmp.access.log')}\n${stderr}`,
    stop: async () => {
      if (child.exitCode === null) child.kill('SIGQUIT');
      await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))]);
      if (child.exitCode === null) child.kill('SIGKILL');
    },
  };
}

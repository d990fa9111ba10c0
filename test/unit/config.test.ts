import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { parsePort } from '../../src/cli/options.js';
import { loadDotEnv, readEnv } from '../../src/config.js';

describe('WECHAT_API_BASE', () => {
  it.each(['https://api.weixin.qq.com', 'http://127.0.0.1:3100', 'http://localhost:8080/'])(
    'accepts %s',
    (url) => {
      expect(readEnv({ WECHAT_API_BASE: url }).apiBase).toBe(url);
    },
  );

  it.each(['ftp://api.example.com', 'file:///etc/passwd', 'javascript:alert(1)', 'api.weixin.qq.com'])(
    'refuses %s in one line that names the variable',
    (url) => {
      expect(() => readEnv({ WECHAT_API_BASE: url })).toThrow(
        /^WECHAT_API_BASE must be an http\(s\) URL such as https:\/\/api\.weixin\.qq\.com$/,
      );
    },
  );
});

describe('PORT', () => {
  it.each([
    ['0', 0],
    ['80', 80],
    ['3000', 3000],
    ['65535', 65535],
  ])('accepts %j as %d', (raw, port) => {
    expect(readEnv({ PORT: raw }).port).toBe(port);
    expect(parsePort(raw, '--port')).toBe(port);
  });

  it.each([' ', '0x10', '1e3', '-1', '3000.5', ' 3000', '65536', '123456', 'abc'])('refuses %j', (raw) => {
    expect(() => readEnv({ PORT: raw })).toThrow(
      /^PORT must be a port number from 0 to 65535, digits only \(e\.g\. 3000\)$/,
    );
    expect(() => parsePort(raw, '--port')).toThrow(/^--port must be a port number \(0-65535\)/);
  });

  it('leaves an empty PORT unset', () => {
    expect(readEnv({ PORT: '' }).port).toBeUndefined();
  });
});

describe('loadDotEnv', () => {
  afterEach(() => vi.restoreAllMocks());

  it('on Node < 20.12 (no process.loadEnvFile) says so in one line, once, instead of a TypeError', () => {
    const dir = mkdtempSync(join(tmpdir(), 'wxmp-env-'));
    const file = join(dir, '.env');
    writeFileSync(file, 'WXMP_TEST_DOTENV=1\n');
    const original = process.loadEnvFile;
    const stderr = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    try {
      Object.defineProperty(process, 'loadEnvFile', { value: undefined, configurable: true, writable: true });
      expect(() => loadDotEnv(file)).not.toThrow();
      expect(() => loadDotEnv(file)).not.toThrow();
    } finally {
      Object.defineProperty(process, 'loadEnvFile', { value: original, configurable: true, writable: true });
    }
    expect(process.env['WXMP_TEST_DOTENV']).toBeUndefined();
    expect(stderr).toHaveBeenCalledTimes(1);
    const line = String(stderr.mock.calls[0]?.[0]);
    expect(line).toMatch(/^wxmp: .*\.env not read: reading it needs Node >= 20\.12 \(this is v[\d.]+\); /);
    expect(line).toContain('export the variables instead');
    expect(line.trimEnd().split('\n')).toHaveLength(1);
  });

  it('reads the file where process.loadEnvFile exists', () => {
    const dir = mkdtempSync(join(tmpdir(), 'wxmp-env-'));
    const file = join(dir, '.env');
    writeFileSync(file, 'WXMP_TEST_DOTENV_OK=yes\n');
    try {
      loadDotEnv(file);
      expect(process.env['WXMP_TEST_DOTENV_OK']).toBe('yes');
    } finally {
      delete process.env['WXMP_TEST_DOTENV_OK'];
    }
  });
});

import { beforeAll, describe, expect, it } from 'vitest';
import { runCli } from './cli.js';

describe('wxmp usage', () => {
  let commands: string[] = [];

  beforeAll(async () => {
    const r = await runCli(['--help']);
    expect(r.code).toBe(0);
    // "Commands:" lists one per line: "  name [options] ...  description".
    const listed = r.stdout.split(/^Commands:$/m)[1] ?? '';
    commands = [...listed.matchAll(/^ {2}([a-z][\w-]*)/gm)].map((m) => m[1]!).filter((c) => c !== 'help');
  });

  it('lists the developer tools', () => {
    expect(commands).toEqual(expect.arrayContaining(['send', 'sign', 'encrypt', 'decrypt', 'serve']));
  });

  // Every send type's help is checked in-process (test/unit/cli/commands.test.ts); one here proves the wiring.
  it('--help on every command (and on send text) exits 0 and shows examples where it has them', async () => {
    const targets = [...commands.map((c) => [c]), ['send', 'text']];
    const results = await Promise.all(targets.map((t) => runCli([...t, '--help'])));
    results.forEach((r, i) => {
      expect({ command: targets[i]!.join(' '), code: r.code, stderr: r.stderr }).toEqual({
        command: targets[i]!.join(' '),
        code: 0,
        stderr: '',
      });
      expect(r.stdout).toContain('Usage: wxmp');
      if (['send', 'sign', 'encrypt', 'decrypt'].includes(targets[i]![0]!))
        expect(r.stdout).toContain('Examples');
    });
  });

  it('an unknown flag: exit 2 with one line on stderr', async () => {
    const r = await runCli(['sign', '--token', 'AAAAA', '--tokn', 'x']);
    expect(r).toMatchObject({ code: 2, stdout: '' });
    expect(r.stderr).toBe(
      "wxmp: unknown option '--tokn' (Did you mean --token?) (run with --help for usage)\n",
    );
  });

  it('a bad flag value: exit 2 with one line saying what to fix', async () => {
    const r = await runCli([
      'send',
      'location',
      '--lat',
      'north',
      '--lng',
      '113',
      '--url',
      'http://127.0.0.1:9/wx',
      '--token',
      'AAAAA',
    ]);
    expect(r).toMatchObject({
      code: 2,
      stdout: '',
      stderr: 'wxmp: --lat must be a number from -90 to 90, got "north"\n',
    });
  });
});

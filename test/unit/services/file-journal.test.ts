import { appendFileSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseMessage } from '../../../src/messages/parse.js';
import { inbound } from '../../../src/push/index.js';
import { FileJournal } from '../../../src/services/file-journal.js';
import type { JournalEntry } from '../../../src/webhook/slow/journal.js';

const FAN = { to: 'gh_account', from: 'oFanJournal' };
const entry = (id: string): JournalEntry => ({
  key: `msg:${id}`,
  message: parseMessage(inbound.text(FAN, `sleep ${id}`, id)),
  outcome: 'customer-service',
  at: 1_714_112_445_000,
});
const path = () => join(mkdtempSync(join(tmpdir(), 'wxmp-journal-unit-')), 'nested', 'journal');

describe('FileJournal', () => {
  it('hands the entries left unfinished by the previous run to start, with their message', async () => {
    const file = path();
    const before = new FileJournal({ path: file });
    await before.add(entry('1'));
    await before.add(entry('2'));
    await before.done('msg:1');
    await before.close();
    const after = new FileJournal({ path: file });
    const finished: JournalEntry[] = [];
    after.start((e) => Promise.resolve(void finished.push(e)));
    expect(finished.map((e) => e.key)).toEqual(['msg:2']);
    expect(finished[0]!.message).toEqual(entry('2').message);
    expect(after.pending()).toBe(1);
    await after.done('msg:2');
    expect(after.pending()).toBe(0);
    await after.close();
  });
  it('compacts the file on start to the unfinished entries', async () => {
    const file = path();
    const before = new FileJournal({ path: file });
    for (const id of ['1', '2', '3']) await before.add(entry(id));
    await before.done('msg:1');
    await before.done('msg:3');
    await before.close();
    const after = new FileJournal({ path: file });
    const lines = readFileSync(file, 'utf8').trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain('"key":"msg:2"');
    await after.close();
  });
  it('skips a torn last line (a crash in the middle of a write) and keeps the rest', async () => {
    const file = path();
    const before = new FileJournal({ path: file });
    await before.add(entry('1'));
    await before.close();
    appendFileSync(file, '{"op":"done","ke');
    const after = new FileJournal({ path: file });
    const finished: string[] = [];
    after.start((e) => Promise.resolve(void finished.push(e.key)));
    expect(finished).toEqual(['msg:1']);
    await after.close();
  });
  it('syncs each line before add resolves (what the acknowledgement waits for)', async () => {
    const file = path();
    const journal = new FileJournal({ path: file });
    await journal.add(entry('7'));
    expect(readFileSync(file, 'utf8')).toContain('"op":"add"');
    await journal.close();
  });
});

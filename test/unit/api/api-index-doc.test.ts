/**
 * docs/api.md lists WeChat's service-account API index with wxmp's status of each endpoint: every row of the table
 * must be there under its own method, path and name, and every endpoint the page calls "in wxmp" must be a row.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { endpoints } from '../../../src/api/endpoints.js';

const doc = readFileSync('docs/api.md', 'utf8');
const index = doc.slice(doc.indexOf('## The service-account API index'));
const rows = [...index.matchAll(/^\|[^|]+\|\s*`([A-Z]+) ([^`]+)`\s*\|\s*`([\w.]+)`\s*\|\s*in wxmp/gm)].map(
  (m) => ({
    method: m[1],
    path: m[2],
    name: m[3],
  }),
);

describe('the service-account API index in docs/api.md', () => {
  it('lists every endpoint of the table under its method, path and name', () => {
    const listed = rows.map((r) => `${r.method} ${r.path} ${r.name}`).sort();
    const table = Object.values(endpoints)
      .map((s) => `${s.method} ${s.path} ${s.name}`)
      .sort();
    expect(listed).toEqual(table);
  });

  it('names the deprecated groups issue 9 keeps out, with the reason', () => {
    for (const group of [
      '卡券',
      '门店',
      'Wi-Fi',
      '摇一摇',
      '电子发票',
      '/cgi-bin/shorturl',
      'draft/switch',
      'uploadnews',
    ])
      expect(index, group).toContain(group);
    expect(index).toMatch(/\*\*absent\*\*: /);
  });
});

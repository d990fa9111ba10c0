/**
 * `npm run docs:prepare` (run by `docs:build` and `docs:dev`): writes the pages generated before VitePress runs —
 * the API reference from the endpoint table, and the Chinese pages of English pages not yet translated.
 * @module
 */
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { endpoints } from '../../src/api/endpoints.js';
import { referencePage } from './api-reference.js';
import { writeUntranslatedPages } from './untranslated-pages.js';

const docsDir = dirname(dirname(fileURLToPath(import.meta.url)));
writeFileSync(join(docsDir, 'api-reference.md'), referencePage('en'));
writeFileSync(join(docsDir, 'zh/api-reference.md'), referencePage('zh'));
const untranslated = writeUntranslatedPages(docsDir);
console.log(
  `docs: API reference (${Object.keys(endpoints).length} endpoints, zh and en); ` +
    `English text on the Chinese site for: ${untranslated.join(', ') || 'none'}`,
);

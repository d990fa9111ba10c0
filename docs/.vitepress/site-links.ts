/**
 * Links as written in the Markdown (relative to the source file, so they work on GitHub) turned into the site's:
 * a page's link goes to where `rewrites` serves that page (a Chinese page's `../operations.md` to `/en/operations`
 * while only the English page exists), and a link to a repository file outside `docs/` (`../deploy/nginx/wxmp.conf`)
 * to a copy of that file the build puts under `/repo/`.
 * @module
 */
import { basename, dirname, join, relative, resolve, sep } from 'node:path';

/** Where repository files linked from the pages are copied in the built site. */
export const REPO_FILES_PREFIX = '/repo/';

/**
 * The site's href for `href` written in `sourceFile`, or `undefined` to leave it as it is (external links, anchors,
 * absolute site paths, assets inside docs/). `repoFiles` collects the repository files linked.
 *
 * @example
 * ```ts
 * siteHref({ docsDir: '/r/docs', sourceFile: '/r/docs/zh/go-live.md', href: '../operations.md#metrics',
 *   rewrites: { 'operations.md': 'en/operations.md' }, repoFiles: new Set() }); // '/en/operations#metrics'
 * ```
 */
export function siteHref(options: {
  docsDir: string;
  sourceFile: string;
  href: string;
  rewrites: Readonly<Record<string, string>>;
  repoFiles: Set<string>;
  /** Whether a page shows an English page's text (its links are the English page's, relative to `docs/`). */
  showsEnglish?: (sourceFile: string) => boolean;
}): string | undefined {
  const { docsDir, href, rewrites } = options;
  const sourceFile = options.showsEnglish?.(options.sourceFile)
    ? join(docsDir, basename(options.sourceFile))
    : options.sourceFile;
  if (/^[a-z][a-z0-9+.-]*:/i.test(href) || href.startsWith('#') || href.startsWith('/') || href === '') {
    return undefined;
  }
  const cut = href.search(/[?#]/);
  const path = cut < 0 ? href : href.slice(0, cut);
  const hash = cut < 0 ? '' : href.slice(cut);
  const target = resolve(dirname(sourceFile), decodeURIComponent(path));
  const inDocs = relative(docsDir, target).split(sep).join('/');
  if (inDocs.startsWith('../')) {
    const inRepo = relative(dirname(docsDir), target).split(sep).join('/');
    options.repoFiles.add(inRepo);
    return `${REPO_FILES_PREFIX}${inRepo}${hash}`;
  }
  if (!inDocs.endsWith('.md')) return undefined;
  // An English page another change has yet to add is served where every English page is.
  const served = rewrites[inDocs] ?? (inDocs.includes('/') ? inDocs : `en/${inDocs}`);
  const page = served.replace(/\.md$/, '').replace(/(^|\/)index$/, '$1');
  return `/${page}${hash}`;
}

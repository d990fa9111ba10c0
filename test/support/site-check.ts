/**
 * Checks a built static site: every internal link leads to a file of the site, every `#anchor` to an element with that
 * id on its page, and every repository file the pages link (copied under `/repo/`) exists in the repository.
 */
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';

/** A link that leads nowhere: on `page`, `href`, and why. */
export interface BrokenLink {
  page: string;
  href: string;
  reason: string;
}

/** Every `.html` file under `dir`, as site paths (`/en/go-live.html`). */
export function htmlPages(dir: string): string[] {
  const out: string[] = [];
  const walk = (at: string): void => {
    for (const name of readdirSync(at)) {
      const path = join(at, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (name.endsWith('.html')) out.push(`/${relative(dir, path).split(sep).join('/')}`);
    }
  };
  walk(dir);
  return out.sort();
}

const attr = (html: string, name: string): string[] =>
  [...html.matchAll(new RegExp(`\\s${name}="([^"]*)"`, 'g'))].map((m) => decodeEntities(m[1] ?? ''));

const decodeEntities = (text: string): string =>
  text
    .replace(/&amp;/g, '&')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>');

/** The file a site path is served from (clean URLs: `/go-live` → `/go-live.html`, `/en/` → `/en/index.html`). */
export function fileOf(dir: string, pathname: string): string | undefined {
  const decoded = decodeURIComponent(pathname);
  const candidates = decoded.endsWith('/')
    ? [`${decoded}index.html`]
    : [decoded, `${decoded}.html`, `${decoded}/index.html`];
  return candidates.map((c) => join(dir, c)).find((file) => existsSync(file) && statSync(file).isFile());
}

/**
 * Checks every `href` of every page of the site built in `dir`. Repository files (under `repoPrefix`) are checked
 * against `repoRoot`. Entries of `pending` (repository files such as `deploy/README.md`, or site paths such as
 * `/en/operations`) may be missing, since another change adds them: they are returned apart.
 */
export function checkSite(options: {
  dir: string;
  repoRoot: string;
  repoPrefix: string;
  pending?: readonly string[];
}): { broken: BrokenLink[]; pendingMissing: string[]; checked: number; pages: number } {
  const { dir, repoRoot, repoPrefix } = options;
  const pages = htmlPages(dir);
  const ids = new Map<string, Set<string>>();
  const idsOf = (file: string): Set<string> => {
    let set = ids.get(file);
    if (!set) {
      set = new Set(attr(readFileSync(file, 'utf8'), 'id'));
      ids.set(file, set);
    }
    return set;
  };
  const broken: BrokenLink[] = [];
  const pendingMissing = new Set<string>();
  let checked = 0;
  for (const page of pages) {
    const html = readFileSync(join(dir, page), 'utf8');
    const pageUrl = new URL(page, 'http://site.invalid');
    for (const href of [...attr(html, 'href'), ...attr(html, 'src')]) {
      if (/^(https?:)?\/\//.test(href) || /^(mailto|tel|javascript|data):/.test(href)) continue;
      checked++;
      const url = new URL(href, pageUrl);
      if (url.pathname.startsWith(repoPrefix)) {
        const file = url.pathname.slice(repoPrefix.length);
        if (!existsSync(join(repoRoot, file))) {
          if (options.pending?.includes(file)) pendingMissing.add(file);
          else broken.push({ page, href, reason: `${file} is not in the repository` });
        }
        continue;
      }
      const target = fileOf(dir, url.pathname);
      if (!target && options.pending?.includes(url.pathname)) {
        pendingMissing.add(url.pathname);
        continue;
      }
      if (!target) {
        broken.push({ page, href, reason: `no file for ${url.pathname}` });
        continue;
      }
      const anchor = decodeURIComponent(url.hash.slice(1));
      if (anchor && target.endsWith('.html') && !idsOf(target).has(anchor)) {
        broken.push({ page, href, reason: `no element with id "${anchor}" in ${relative(dir, target)}` });
      }
    }
  }
  return { broken, pendingMissing: [...pendingMissing].sort(), checked, pages: pages.length };
}

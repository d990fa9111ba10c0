/**
 * The articles the account has sent to fans, as comments and statistics name them: by the send's `msg_data_id`
 * and the article's 0-based index. They come from publications (freepublish) once published, and from `mpnews`
 * mass sends.
 * @module
 */
import type { EmulatorState } from '../state.js';
import { publications } from './core/article-store.js';
import { textOf } from './core/respond.js';
import { massJobs } from './mass.js';

/**
 * One sent article.
 *
 * @example
 * ```ts
 * const titles = sentArticles(state).map((article: SentArticle) => article.title);
 * ```
 */
export interface SentArticle {
  msgDataId: string;
  /** 0-based, as the comment endpoints count. */
  index: number;
  title: string;
  /** Where the emulator serves it (publications). */
  url?: string;
  /** ms */
  sentAt: number;
  /** Whether comments start open (`need_open_comment` of the article). */
  openComment: boolean;
}

/**
 * The statistics' name of an article: `MSGDATAID_INDEX` with a 1-based index.
 *
 * @example
 * ```ts
 * articleKey('2247503051', 0); // '2247503051_1'
 * ```
 */
export function articleKey(msgDataId: string, index: number): string {
  return `${msgDataId}_${index + 1}`;
}

/**
 * Every sent article, oldest send first.
 *
 * @example
 * ```ts
 * sentArticles(state).map((a) => a.title);
 * ```
 */
export function sentArticles(state: EmulatorState): SentArticle[] {
  const published = Object.values(publications(state).jobs)
    .filter((p) => p.article_id !== undefined)
    .flatMap((p) =>
      p.articles
        .filter((a) => a['is_deleted'] !== true)
        .map((a, index) => ({
          msgDataId: p.msg_data_id,
          index,
          title: textOf(a['title']),
          ...(typeof a['url'] === 'string' ? { url: a['url'] } : {}),
          sentAt: p.update_time * 1000,
          openComment: Number(a['need_open_comment'] ?? 0) === 1,
        })),
    );
  const mass = Object.values(massJobs(state)).flatMap((job) =>
    job.msg_data_id === undefined || job.status === 'DELETE'
      ? []
      : (job.articles ?? []).map((a, index) => ({
          msgDataId: job.msg_data_id ?? '',
          index,
          title: a.title,
          ...(a.url ? { url: a.url } : {}),
          sentAt: job.createdAt,
          openComment: false,
        })),
  );
  return [...published, ...mass].sort((a, b) => a.sentAt - b.sentAt);
}

/**
 * The sent article at `msgDataId` and `index` (0-based; the first when absent), or undefined.
 *
 * @example
 * ```ts
 * import { fail } from './core/respond.js';
 * const article = findSentArticle(state, '2247503051', 0) ?? fail(88000);
 * ```
 */
export function findSentArticle(
  state: EmulatorState,
  msgDataId: unknown,
  index: unknown,
): SentArticle | undefined {
  const id = typeof msgDataId === 'string' || typeof msgDataId === 'number' ? String(msgDataId) : '';
  const i = index === undefined ? 0 : Number(index);
  return sentArticles(state).find((a) => a.msgDataId === id && a.index === i);
}

/**
 * The numbers of sent articles both the older article statistics and the newer ones report, from the reads and
 * shares fans made on the phone page and the comments they wrote. Reads all come from the conversation
 * (`user_source` 0) and shares all go to a friend (`share_scene` 1): the emulated phone has no Moments.
 * @module
 */
import type { Activity } from '../../activity.js';
import type { EmulatorState } from '../../state.js';
import { allComments } from '../comment-store.js';
import { articleKey, sentArticles, type SentArticle } from '../sent-articles.js';
import { dayOf, distinctFans } from './dates.js';

/** A read or a share of an article. */
export type ArticleActivity = Extract<Activity, { kind: 'read' | 'share' }>;

/**
 * The `user_source` of all readers together.
 *
 * @example
 * ```ts
 * readSources(3).find((r) => r.user_source === ALL_SOURCES); // { user_source: 99999999, read_user: 3 }
 * ```
 */
export const ALL_SOURCES = 99_999_999;

/**
 * The `user_source` of readers who came from the conversation with the account.
 *
 * @example
 * ```ts
 * readSources(3).find((r) => r.user_source === CONVERSATION)?.read_user; // the readers from the chat
 * ```
 */
export const CONVERSATION = 0;

/**
 * The sent articles by their statistics name (`MSGDATAID_INDEX`).
 *
 * @example
 * ```ts
 * articlesByKey(state).get('2247503051_1')?.title;
 * ```
 */
export function articlesByKey(state: EmulatorState): Map<string, SentArticle> {
  return new Map(sentArticles(state).map((a) => [articleKey(a.msgDataId, a.index), a]));
}

/**
 * Reads and shares as the older endpoints count them (`int_page_*`, `share_*`; nothing read the original page or
 * added to favourites).
 *
 * @example
 * ```ts
 * import { activities } from '../../activity.js';
 * const reads = activities(state).filter((a): a is ArticleActivity => a.kind === 'read' || a.kind === 'share');
 * const { int_page_read_user } = classicMetrics(reads);
 * ```
 */
export function classicMetrics(list: readonly ArticleActivity[]): Record<string, number> {
  const reads = list.filter((a) => a.kind === 'read');
  const shares = list.filter((a) => a.kind === 'share');
  return {
    int_page_read_user: distinctFans(reads),
    int_page_read_count: reads.length,
    ori_page_read_user: 0,
    ori_page_read_count: 0,
    share_user: distinctFans(shares),
    share_count: shares.length,
    add_to_fav_user: 0,
    add_to_fav_count: 0,
  };
}

/**
 * Readers by source as the newer endpoints list them.
 *
 * @example
 * ```ts
 * readSources(4); // [{ user_source: 99999999, read_user: 4 }, { user_source: 0, read_user: 4 }]
 * ```
 */
export function readSources(readers: number): { user_source: number; read_user: number }[] {
  return readers === 0
    ? []
    : [
        { user_source: ALL_SOURCES, read_user: readers },
        { user_source: CONVERSATION, read_user: readers },
      ];
}

/**
 * The newer endpoints' numbers of some reads and shares, and of the comments written on the given days to the
 * given articles (no likes, "在看" or favourites on the emulated phone).
 *
 * @example
 * ```ts
 * import { activities } from '../../activity.js';
 * import { dayOf } from './dates.js';
 * const list = activities(state).filter((a): a is ArticleActivity => a.kind === 'read' || a.kind === 'share');
 * const today = dayOf(Date.now());
 * const detail = contentMetrics(state, list, (day) => day === today, () => true);
 * ```
 */
export function contentMetrics(
  state: EmulatorState,
  list: readonly ArticleActivity[],
  onDay: (day: number) => boolean,
  ofArticle: (article: string) => boolean,
): Record<string, unknown> {
  const readers = distinctFans(list.filter((a) => a.kind === 'read'));
  const comments = allComments(state).filter(
    ({ article, comment }) => ofArticle(article) && onDay(dayOf(comment.createTime * 1000)),
  );
  return {
    read_user: readers,
    read_user_source: readSources(readers),
    share_user: distinctFans(list.filter((a) => a.kind === 'share')),
    zaikan_user: 0,
    like_user: 0,
    comment_count: comments.length,
    collection_user: 0,
  };
}

/**
 * The comments of sent articles (slot `comments`), shared by the comment endpoints, the fan who comments from the
 * phone page, and the statistics (`comment_count`). Keyed by the article's statistics name (`MSGDATAID_INDEX`).
 * @module
 */
import type { EmulatorState } from '../state.js';
import { articleKey, findSentArticle, type SentArticle } from './sent-articles.js';

/** One comment, JSON-friendly. Times in Unix seconds. */
export interface StoredComment {
  id: number;
  openid: string;
  content: string;
  createTime: number;
  elected: boolean;
  /** The fan took it back (88004 for the account's calls on it). */
  deletedByUser?: true;
  /** The account deleted it. */
  deleted?: true;
  reply?: { content: string; createTime: number };
}

/** The comments of one article and whether fans may comment. */
export interface ArticleComments {
  open: boolean;
  nextId: number;
  comments: StoredComment[];
}

/** Characters of a comment and of a reply. */
export const COMMENT_MAX_CHARS = 600;
/** Elected comments an article may have (88003 beyond). */
export const MAX_ELECTED = 100;

function slot(state: EmulatorState): Record<string, ArticleComments> {
  return state.slot<Record<string, ArticleComments>>('comments', () => ({}));
}

/**
 * The comments of a sent article, created on first use with the article's `need_open_comment`.
 *
 * @example
 * ```ts
 * import { sentArticles } from './sent-articles.js';
 * const [article] = sentArticles(state);
 * if (article) console.log(commentsOf(state, article).comments.length);
 * ```
 */
export function commentsOf(state: EmulatorState, article: SentArticle): ArticleComments {
  const all = slot(state);
  const key = articleKey(article.msgDataId, article.index);
  all[key] ??= { open: article.openComment, nextId: 1, comments: [] };
  return all[key];
}

/**
 * Every comment of every article, with the article's statistics name (for `comment_count`).
 *
 * @example
 * ```ts
 * allComments(state).filter(({ comment }) => !comment.deleted).length;
 * ```
 */
export function allComments(state: EmulatorState): { article: string; comment: StoredComment }[] {
  return Object.entries(slot(state)).flatMap(([article, { comments }]) =>
    comments.map((comment) => ({ article, comment })),
  );
}

/**
 * Whether a comment is still shown (neither the fan nor the account deleted it).
 *
 * @example
 * ```ts
 * const shown = allComments(state).filter(({ comment }) => isShown(comment));
 * ```
 */
export function isShown(comment: StoredComment): boolean {
  return !comment.deleted && !comment.deletedByUser;
}

/**
 * A fan's comment on a sent article; undefined when the article is unknown, or a reason when comments are
 * closed or the text is empty or too long.
 *
 * @example
 * ```ts
 * const added = addComment(state, 'oFan', '2247503051', 0, '写得好');
 * ```
 */
export function addComment(
  state: EmulatorState,
  openid: string,
  msgDataId: string,
  index: number,
  content: string,
): StoredComment | 'closed' | 'too long' | undefined {
  const article = findSentArticle(state, msgDataId, index);
  if (article === undefined) return undefined;
  const store = commentsOf(state, article);
  if (!store.open) return 'closed';
  const chars = [...content].length;
  if (chars === 0 || chars > COMMENT_MAX_CHARS) return 'too long';
  const comment: StoredComment = {
    id: store.nextId,
    openid,
    content,
    createTime: Math.floor(state.now() / 1000),
    elected: false,
  };
  store.nextId += 1;
  store.comments.push(comment);
  state.markModified();
  return comment;
}

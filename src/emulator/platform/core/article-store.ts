/**
 * Where articles live: the draft box (slot `drafts`) and the publications made from drafts (slot `publish`), shared
 * by the draft and publish handlers and by the messages that send articles (`mpnews`, `mpnewsarticle`).
 * @module
 */
import type { EmulatorState } from '../../state.js';
import { fail } from './respond.js';

/** An article as stored and returned (`news_item`). */
export type Article = Record<string, unknown>;

/** A draft (JSON-friendly, saved with the state). */
export interface Draft {
  media_id: string;
  articles: Article[];
  /** Unix seconds. */
  create_time: number;
  update_time: number;
}

/**
 * The drafts of the account, by media_id.
 *
 * @example
 * ```ts
 * Object.keys(drafts(state)).length; // drafts in the box
 * ```
 */
export function drafts(state: EmulatorState): Record<string, Draft> {
  return state.slot<Record<string, Draft>>('drafts', () => ({}));
}

/**
 * The articles behind an `mpnews` media_id (a draft, or legacy news material), or undefined.
 *
 * @example
 * ```ts
 * import { fail } from './respond.js';
 * const articles = findNews(state, 'MEDIA_ID') ?? fail(40007);
 * ```
 */
export function findNews(state: EmulatorState, mediaId: unknown): Article[] | undefined {
  if (typeof mediaId !== 'string') return undefined;
  const draft = drafts(state)[mediaId];
  if (draft) return draft.articles;
  const material = state.media.get(mediaId);
  return material?.type === 'news' ? ((material.newsItems ?? []) as Article[]) : undefined;
}

/** A publication (JSON-friendly, saved with the state). */
export interface Publication {
  publish_id: string;
  msg_data_id: string;
  /** 1 publishing, 0 published, 5 all articles deleted. */
  status: number;
  article_id?: string;
  articles: Article[];
  /** Unix seconds. */
  create_time: number;
  update_time: number;
}

/** What the `publish` slot holds: the next publish_id and every publication by it. */
export interface PublishSlot {
  nextId: number;
  jobs: Record<string, Publication>;
}

/**
 * The publications of the account and the next publish_id.
 *
 * @example
 * ```ts
 * Object.values(publications(state).jobs).filter((p) => p.status === 0); // the published ones
 * ```
 */
export function publications(state: EmulatorState): PublishSlot {
  return state.slot<PublishSlot>('publish', () => ({ nextId: 2_247_503_051, jobs: {} }));
}

/**
 * The published articles behind an `article_id`, or 53600.
 *
 * @example
 * ```ts
 * const { articles } = findPublishedArticle(state, 'ARTICLE_ID'); // or WxError(53600)
 * ```
 */
export function findPublishedArticle(state: EmulatorState, articleId: unknown): Publication {
  const found = Object.values(publications(state).jobs).find(
    (p) => p.article_id !== undefined && p.article_id === articleId,
  );
  return found ?? fail(53600);
}

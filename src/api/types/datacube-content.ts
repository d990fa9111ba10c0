/**
 * The newer article statistics (发表内容数据, since November 2025): per published article and per day, with the
 * reader sources, likes, "在看" and comments, and whether the data may still change (`is_delay`).
 * @see https://developers.weixin.qq.com/doc/service/api/wedata/news/api_getarticleread.html
 * @module
 */

/**
 * Readers of published content per source (`user_source` 99999999 all).
 *
 * @example
 * ```ts
 * const all = (s: ReadUserSource[]) => s.find((x) => x.user_source === 99999999)?.read_user ?? 0;
 * ```
 */
export interface ReadUserSource {
  user_source: number;
  read_user: number;
}

/**
 * The numbers of published content (发表内容) the newer endpoints report.
 *
 * @example
 * ```ts
 * const likes = (d: ContentMetrics) => d.like_user + d.zaikan_user;
 * ```
 */
export interface ContentMetrics {
  read_user: number;
  read_user_source: ReadUserSource[];
  share_user: number;
  zaikan_user: number;
  like_user: number;
  comment_count: number;
  collection_user: number;
}

/**
 * Readers of one article on one day (`getarticleread`).
 *
 * @example
 * ```ts
 * const readers = (await client.datacube.getArticleRead('2025-11-01', '2025-11-01')).list.map((r) => r.detail.read_user);
 * ```
 */
export interface ArticleReadRow {
  ref_date: string;
  msgid: string;
  detail: Pick<ContentMetrics, 'read_user' | 'read_user_source'>;
}

/**
 * Sharers of one article on one day (`getarticleshare`).
 *
 * @example
 * ```ts
 * const sharers = (await client.datacube.getArticleShare('2025-11-01', '2025-11-01')).list.map((r) => r.detail.share_user);
 * ```
 */
export interface ArticleShareRow {
  ref_date: string;
  msgid: string;
  detail: Pick<ContentMetrics, 'share_user'>;
}

/**
 * The account's published content of one day, all articles together (`getbizsummary`).
 *
 * @example
 * ```ts
 * const comments = (await client.datacube.getBizSummary('2025-11-01', '2025-11-07')).list.map((r) => r.detail.comment_count);
 * ```
 */
export interface BizSummaryRow {
  ref_date: string;
  detail: ContentMetrics;
}

/**
 * One article published in the range, with its numbers from publishing up to each `stat_date`
 * (`getarticletotaldetail`); `publish_type` 0 notified, 1 published without notification.
 *
 * @example
 * ```ts
 * const latest = (r: ArticleTotalDetailRow) => r.detail_list.at(-1)?.read_user ?? 0;
 * ```
 */
export interface ArticleTotalDetailRow {
  ref_date: string;
  msgid: string;
  publish_type: number;
  detail_list: (ContentMetrics & { stat_date: string })[];
}

/**
 * Data statistics (数据统计, `/datacube/*`): every endpoint takes a date range and answers one row per date (and
 * source, hour, message type…) in `list`. Dates are `YYYY-MM-DD` in Beijing time; each endpoint has a maximum span
 * (`DATACUBE_SPANS`).
 * @see https://developers.weixin.qq.com/doc/service/api/wedata/user/api_getusersummary.html
 * @module
 */
import type { BaseResponse, Io } from './common.js';
import type {
  ArticleReadRow,
  ArticleShareRow,
  ArticleTotalDetailRow,
  BizSummaryRow,
} from './datacube-content.js';

/**
 * The body of every datacube endpoint: the first and last date, both included.
 *
 * @example
 * ```ts
 * const { list } = await client.call('datacube.getUserSummary', { begin_date: '2024-06-01', end_date: '2024-06-07' });
 * ```
 */
export interface DateRange {
  begin_date: string;
  end_date: string;
}

/**
 * An answer of rows.
 *
 * @example
 * ```ts
 * const { list } = await client.datacube.getUserSummary('2024-06-01', '2024-06-07');
 * const newFans = list.reduce((sum, row) => sum + row.new_user, 0);
 * ```
 */
export interface DatacubeList<Row> extends BaseResponse {
  list: Row[];
}

/**
 * An answer of the newer article endpoints, which also say whether the data may still change.
 *
 * @example
 * ```ts
 * const { list, is_delay } = await client.datacube.getArticleRead('2025-11-01', '2025-11-01');
 * ```
 */
export interface DelayedList<Row> extends DatacubeList<Row> {
  /** `false` when the data is final. */
  is_delay: boolean;
}

/**
 * Follows and unfollows of one day from one source (`user_source`: 0 other, 1 search, 17 profile card, 30 QR code,
 * 57 account name in an article, 100 WeChat ads, 161 reprints, 149 mini program, 200 Channels, 201 live).
 *
 * @example
 * ```ts
 * const net = (row: UserSummaryRow) => row.new_user - row.cancel_user;
 * ```
 */
export interface UserSummaryRow {
  ref_date: string;
  user_source: number;
  new_user: number;
  cancel_user: number;
}

/**
 * Followers at the end of one day.
 *
 * @example
 * ```ts
 * const counts = (await client.datacube.getUserCumulate('2024-06-01', '2024-06-07')).list.map((r) => r.cumulate_user);
 * ```
 */
export interface UserCumulateRow {
  ref_date: string;
  cumulate_user: number;
}

/**
 * Reads, shares and favourites of articles: the article page (`int_page_*`), the original page behind "阅读原文"
 * (`ori_page_*`).
 *
 * @example
 * ```ts
 * const rate = (m: ArticleMetrics) => m.share_user / Math.max(1, m.int_page_read_user);
 * ```
 */
export interface ArticleMetrics {
  int_page_read_user: number;
  int_page_read_count: number;
  ori_page_read_user: number;
  ori_page_read_count: number;
  share_user: number;
  share_count: number;
  add_to_fav_user: number;
  add_to_fav_count: number;
}

/**
 * One article's numbers of one day; `msgid` is `MSGDATAID_INDEX` (the send's `msg_data_id` and the 1-based article).
 *
 * @example
 * ```ts
 * const { list } = await client.datacube.getArticleSummary('2024-06-01', '2024-06-01');
 * for (const row of list) console.log(row.msgid.split('_')); // [msg_data_id, 1-based article]
 * ```
 */
export interface ArticleSummaryRow extends ArticleMetrics {
  ref_date: string;
  msgid: string;
  title: string;
}

/**
 * One article's numbers from its send day up to `stat_date`.
 *
 * @example
 * ```ts
 * const { list } = await client.datacube.getArticleTotal('2024-06-01', '2024-06-01');
 * const reads = list.flatMap((row) => row.details.map((d) => d.int_page_read_user));
 * ```
 */
export interface ArticleTotalRow {
  ref_date: string;
  msgid: string;
  title: string;
  details: (ArticleMetrics & { stat_date: string; target_user: number })[];
}

/**
 * Reads of all articles of one day (or hour, with `ref_hour` 0–2300), per source (`user_source` 99999999 all, 0
 * conversation, 1 friends, 2 Moments, 4 history, 5 other).
 *
 * @example
 * ```ts
 * const all = (await client.datacube.getUserRead('2024-06-01', '2024-06-03')).list.filter((r) => r.user_source === 99999999);
 * ```
 */
export interface UserReadRow extends ArticleMetrics {
  ref_date: string;
  ref_hour?: number;
  user_source: number;
}

/**
 * Shares of one day (or hour) per scene (`share_scene` 1 to a friend, 2 Moments, 255 other).
 *
 * @example
 * ```ts
 * const moments = (await client.datacube.getUserShare('2024-06-01', '2024-06-07')).list.filter((r) => r.share_scene === 2);
 * ```
 */
export interface UserShareRow {
  ref_date: string;
  ref_hour?: number;
  share_scene: number;
  share_count: number;
  share_user: number;
}

/**
 * Messages fans sent of one day, hour, week or month per type (`msg_type` 1 text, 2 image, 3 voice, 4 video, 6
 * link).
 *
 * @example
 * ```ts
 * const texts = (await client.datacube.getUpstreamMsg('2024-06-01', '2024-06-07')).list.filter((r) => r.msg_type === 1);
 * ```
 */
export interface UpstreamMsgRow {
  ref_date: string;
  ref_hour?: number;
  msg_type: number;
  msg_user: number;
  msg_count: number;
}

/**
 * How many fans sent how many messages (`count_interval` 0: none, 1: 1–5, 2: 6–10, 3: more than 10).
 *
 * @example
 * ```ts
 * const chatty = (await client.datacube.getUpstreamMsgDist('2024-06-01', '2024-06-07')).list.filter((r) => r.count_interval === 3);
 * ```
 */
export interface UpstreamMsgDistRow {
  ref_date: string;
  count_interval: number;
  msg_user: number;
}

/**
 * The server's passive replies of one day (or hour): pushes answered, failures, and time taken in ms.
 *
 * @example
 * ```ts
 * const average = (r: InterfaceSummaryRow) => r.total_time_cost / Math.max(1, r.callback_count);
 * ```
 */
export interface InterfaceSummaryRow {
  ref_date: string;
  ref_hour?: number;
  callback_count: number;
  fail_count: number;
  total_time_cost: number;
  max_time_cost: number;
}

type Cube<Row> = Io<DateRange, DatacubeList<Row>>;
type NewCube<Row> = Io<DateRange, DelayedList<Row>>;

/**
 * Request and response of every datacube endpoint, by table name.
 */
export interface DatacubeEndpoints {
  'datacube.getUserSummary': Cube<UserSummaryRow>;
  'datacube.getUserCumulate': Cube<UserCumulateRow>;
  'datacube.getArticleSummary': Cube<ArticleSummaryRow>;
  'datacube.getArticleTotal': Cube<ArticleTotalRow>;
  'datacube.getUserRead': Cube<UserReadRow>;
  'datacube.getUserReadHour': Cube<UserReadRow>;
  'datacube.getUserShare': Cube<UserShareRow>;
  'datacube.getUserShareHour': Cube<UserShareRow>;
  'datacube.getArticleRead': NewCube<ArticleReadRow>;
  'datacube.getArticleShare': NewCube<ArticleShareRow>;
  'datacube.getBizSummary': NewCube<BizSummaryRow>;
  'datacube.getArticleTotalDetail': NewCube<ArticleTotalDetailRow>;
  'datacube.getUpstreamMsg': Cube<UpstreamMsgRow>;
  'datacube.getUpstreamMsgHour': Cube<UpstreamMsgRow>;
  'datacube.getUpstreamMsgWeek': Cube<UpstreamMsgRow>;
  'datacube.getUpstreamMsgMonth': Cube<UpstreamMsgRow>;
  'datacube.getUpstreamMsgDist': Cube<UpstreamMsgDistRow>;
  'datacube.getUpstreamMsgDistWeek': Cube<UpstreamMsgDistRow>;
  'datacube.getUpstreamMsgDistMonth': Cube<UpstreamMsgDistRow>;
  'datacube.getInterfaceSummary': Cube<InterfaceSummaryRow>;
  'datacube.getInterfaceSummaryHour': Cube<InterfaceSummaryRow>;
}

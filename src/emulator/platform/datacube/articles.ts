/**
 * The older article statistics (图文分析): per article and day, per article since its send, and all articles per
 * day or hour, from the reads and shares fans made on the phone page.
 * @module
 */
import type { Call, Handler, Handlers } from '../core/handler.js';
import { articleKey } from '../sent-articles.js';
import { activitiesIn, dateOfDay, dayOf, groupBy, hourOf, requestedDays } from './dates.js';
import {
  ALL_SOURCES,
  articlesByKey,
  classicMetrics,
  CONVERSATION,
  type ArticleActivity,
} from './article-metrics.js';

/** Days an article's totals run after its send (getarticletotal). */
const TOTAL_DAYS = 7;

function inRange(call: Call): { list: ArticleActivity[]; days: number[] } {
  const { first, last, days } = requestedDays(call);
  return { list: activitiesIn(call, ['read', 'share'], first, last), days };
}

/** Rows of all articles per day or hour: every source together, and the conversation when anyone read. */
function readRows(extra: Record<string, unknown>, list: ArticleActivity[]): Record<string, unknown>[] {
  const metrics = classicMetrics(list);
  const all = { ...extra, user_source: ALL_SOURCES, ...metrics };
  return metrics['int_page_read_count'] ? [all, { ...all, user_source: CONVERSATION }] : [all];
}

function shareRows(extra: Record<string, unknown>, list: ArticleActivity[]): Record<string, unknown>[] {
  const shares = list.filter((a) => a.kind === 'share');
  if (shares.length === 0) return [];
  return [
    {
      ...extra,
      share_scene: 1,
      share_count: shares.length,
      share_user: new Set(shares.map((s) => s.openid)).size,
    },
  ];
}

function byHour(rows: typeof readRows): Handler {
  return (call) => {
    const { list } = inRange(call);
    const groups = groupBy(list, (a) => `${dayOf(a.at)} ${hourOf(a.at)}`);
    return {
      list: [...groups.values()].flatMap((l) =>
        rows({ ref_date: dateOfDay(dayOf(l[0]!.at)), ref_hour: hourOf(l[0]!.at) * 100 }, l),
      ),
    };
  };
}

/**
 * The handlers of getarticlesummary, getarticletotal, getuserread(hour) and getusershare(hour).
 *
 * @example
 * ```ts
 * Object.keys(articleStatHandlers); // ['datacube.getArticleSummary', 'datacube.getArticleTotal', …]
 * ```
 */
export const articleStatHandlers: Handlers = {
  'datacube.getArticleSummary': (call) => {
    const { list } = inRange(call);
    const titles = articlesByKey(call.state);
    const rows = [...groupBy(list, (a) => `${dayOf(a.at)} ${a.article}`).values()].map((l) => ({
      ref_date: dateOfDay(dayOf(l[0]!.at)),
      msgid: l[0]!.article,
      title: titles.get(l[0]!.article)?.title ?? '',
      ...classicMetrics(l),
    }));
    return { list: rows };
  },
  'datacube.getArticleTotal': (call) => {
    const { first, last } = requestedDays(call);
    const today = dayOf(call.state.now());
    const target = [...call.state.fans.values()].filter((f) => f.following).length;
    const sent = [...articlesByKey(call.state).values()].filter((a) => {
      const day = dayOf(a.sentAt);
      return day >= first && day <= last;
    });
    const rows = sent.map((article) => {
      const key = articleKey(article.msgDataId, article.index);
      const sentDay = dayOf(article.sentAt);
      const stats = activitiesIn(call, ['read', 'share'], sentDay, today).filter((a) => a.article === key);
      const statDays = Array.from(
        { length: Math.min(TOTAL_DAYS, today - sentDay + 1) },
        (_, i) => sentDay + i,
      );
      const details = statDays.map((day) => ({
        stat_date: dateOfDay(day),
        target_user: target,
        ...classicMetrics(stats.filter((a) => dayOf(a.at) <= day)),
      }));
      return { ref_date: dateOfDay(sentDay), msgid: key, title: article.title, details };
    });
    return { list: rows };
  },
  'datacube.getUserRead': (call) => {
    const { list, days } = inRange(call);
    const byDay = groupBy(list, (a) => dayOf(a.at));
    return { list: days.flatMap((day) => readRows({ ref_date: dateOfDay(day) }, byDay.get(day) ?? [])) };
  },
  'datacube.getUserReadHour': byHour(readRows),
  'datacube.getUserShare': (call) => {
    const { list, days } = inRange(call);
    const byDay = groupBy(list, (a) => dayOf(a.at));
    return { list: days.flatMap((day) => shareRows({ ref_date: dateOfDay(day) }, byDay.get(day) ?? [])) };
  },
  'datacube.getUserShareHour': byHour(shareRows),
};

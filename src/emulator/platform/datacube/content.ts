/**
 * The newer statistics of published content (发表内容): readers and sharers per article and day, the account's
 * day totals with comments, and each article published in the range with its totals per day since. The data is
 * never delayed (`is_delay: false`).
 * @module
 */
import type { Handlers } from '../core/handler.js';
import { articleKey } from '../sent-articles.js';
import { activitiesIn, dateOfDay, dayOf, distinctFans, groupBy, requestedDays } from './dates.js';
import { articlesByKey, contentMetrics, readSources } from './article-metrics.js';

/** Days an article's details run after it was published (getarticletotaldetail: "最大30天"). */
const DETAIL_DAYS = 30;

/**
 * The handlers of getarticleread, getarticleshare, getbizsummary and getarticletotaldetail.
 *
 * @example
 * ```ts
 * Object.keys(contentStatHandlers); // ['datacube.getArticleRead', 'datacube.getArticleShare', …]
 * ```
 */
export const contentStatHandlers: Handlers = {
  'datacube.getArticleRead': (call) => {
    const { first, last } = requestedDays(call);
    const reads = activitiesIn(call, ['read'], first, last);
    const rows = [...groupBy(reads, (a) => `${dayOf(a.at)} ${a.article}`).values()].map((l) => ({
      ref_date: dateOfDay(dayOf(l[0]!.at)),
      msgid: l[0]!.article,
      detail: { read_user: distinctFans(l), read_user_source: readSources(distinctFans(l)) },
    }));
    return { list: rows, is_delay: false };
  },
  'datacube.getArticleShare': (call) => {
    const { first, last } = requestedDays(call);
    const shares = activitiesIn(call, ['share'], first, last);
    const rows = [...groupBy(shares, (a) => `${dayOf(a.at)} ${a.article}`).values()].map((l) => ({
      ref_date: dateOfDay(dayOf(l[0]!.at)),
      msgid: l[0]!.article,
      detail: { share_user: distinctFans(l) },
    }));
    return { list: rows, is_delay: false };
  },
  'datacube.getBizSummary': (call) => {
    const { first, last, days } = requestedDays(call);
    const byDay = groupBy(activitiesIn(call, ['read', 'share'], first, last), (a) => dayOf(a.at));
    const list = days.map((day) => ({
      ref_date: dateOfDay(day),
      detail: contentMetrics(
        call.state,
        byDay.get(day) ?? [],
        (d) => d === day,
        () => true,
      ),
    }));
    return { list, is_delay: false };
  },
  'datacube.getArticleTotalDetail': (call) => {
    const { first, last } = requestedDays(call);
    const today = dayOf(call.state.now());
    const published = [...articlesByKey(call.state).values()].filter((a) => {
      const day = dayOf(a.sentAt);
      return day >= first && day <= last;
    });
    const list = published.map((article) => {
      const key = articleKey(article.msgDataId, article.index);
      const sentDay = dayOf(article.sentAt);
      const stats = activitiesIn(call, ['read', 'share'], sentDay, today).filter((a) => a.article === key);
      const length = Math.max(0, Math.min(DETAIL_DAYS, today - sentDay + 1));
      const detailList = Array.from({ length }, (_, i) => sentDay + i).map((day) => ({
        stat_date: dateOfDay(day),
        ...contentMetrics(
          call.state,
          stats.filter((a) => dayOf(a.at) <= day),
          (d) => d >= sentDay && d <= day,
          (a) => a === key,
        ),
      }));
      return { ref_date: dateOfDay(sentDay), msgid: key, publish_type: 0, detail_list: detailList };
    });
    return { list, is_delay: false };
  },
};

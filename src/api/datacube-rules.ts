/**
 * The date rules of the statistics endpoints, one table for the client (which refuses a bad range before sending
 * it) and the emulator (which answers 61500 / 61501 as WeChat does).
 * @see https://developers.weixin.qq.com/doc/service/api/wedata/user/api_getusersummary.html
 * @module
 */
import { WeChatError } from '../errors.js';
import type { EndpointName } from './endpoint-types.js';

/**
 * The name of a statistics endpoint, e.g. `'datacube.getUserSummary'`.
 *
 * @example
 * ```ts
 * const name: DatacubeName = 'datacube.getUpstreamMsgWeek';
 * checkDateRange(name, '2024-06-03', '2024-06-30'); // within its 30 days
 * ```
 */
export type DatacubeName = Extract<EndpointName, `datacube.${string}`>;

/**
 * The most days one call may cover (first and last date included), as each endpoint's page states it: 7 for the
 * user numbers, 1 for the hourly ones, 3 for `getuserread`, 15 for `getupstreammsgdist`, 30 for the weekly and
 * monthly ones and `getinterfacesummary`; the newer article endpoints take one day (`getarticleread`,
 * `getarticleshare`, "日期范围仅支持查询1天") or, where the page states no span (`getbizsummary`,
 * `getarticletotaldetail`), 30 days, the longest any of them covers.
 *
 * @example
 * ```ts
 * DATACUBE_SPANS['datacube.getUserSummary']; // 7
 * ```
 */
export const DATACUBE_SPANS: Readonly<Record<DatacubeName, number>> = Object.freeze({
  'datacube.getUserSummary': 7,
  'datacube.getUserCumulate': 7,
  'datacube.getArticleSummary': 1,
  'datacube.getArticleTotal': 1,
  'datacube.getUserRead': 3,
  'datacube.getUserReadHour': 1,
  'datacube.getUserShare': 7,
  'datacube.getUserShareHour': 1,
  'datacube.getArticleRead': 1,
  'datacube.getArticleShare': 1,
  'datacube.getBizSummary': 30,
  'datacube.getArticleTotalDetail': 30,
  'datacube.getUpstreamMsg': 7,
  'datacube.getUpstreamMsgHour': 1,
  'datacube.getUpstreamMsgWeek': 30,
  'datacube.getUpstreamMsgMonth': 30,
  'datacube.getUpstreamMsgDist': 15,
  'datacube.getUpstreamMsgDistWeek': 30,
  'datacube.getUpstreamMsgDistMonth': 30,
  'datacube.getInterfaceSummary': 30,
  'datacube.getInterfaceSummaryHour': 1,
});

const DAY_MS = 86_400_000;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/**
 * The day number (days since 1970-01-01) of a `YYYY-MM-DD` date, or undefined when it is not a real date.
 *
 * @example
 * ```ts
 * dayNumber('1970-01-02'); // 1
 * dayNumber('2024-02-30'); // undefined
 * ```
 */
export function dayNumber(date: string): number | undefined {
  const match = DATE.exec(date);
  if (!match) return undefined;
  const [y, m, d] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const ms = Date.UTC(y, m - 1, d);
  const back = new Date(ms);
  if (back.getUTCFullYear() !== y || back.getUTCMonth() !== m - 1 || back.getUTCDate() !== d)
    return undefined;
  return ms / DAY_MS;
}

/**
 * What is wrong with a range for an endpoint: `'format'` (a date that is not `YYYY-MM-DD`), `'range'` (the end
 * before the start, or more days than the endpoint's span), or undefined when it is fine.
 *
 * @example
 * ```ts
 * dateRangeProblem('datacube.getUserSummary', '2024-06-01', '2024-06-08'); // 'range' (8 days)
 * ```
 */
export function dateRangeProblem(
  name: DatacubeName,
  beginDate: string,
  endDate: string,
): 'format' | 'range' | undefined {
  const begin = dayNumber(beginDate);
  const end = dayNumber(endDate);
  if (begin === undefined || end === undefined) return 'format';
  if (end < begin || end - begin + 1 > DATACUBE_SPANS[name]) return 'range';
  return undefined;
}

/**
 * Throws `REQUEST_INVALID` for a range WeChat would refuse, saying the endpoint's span.
 *
 * @example
 * ```ts
 * checkDateRange('datacube.getUserSummary', '2024-06-01', '2024-06-07'); // fine: 7 days
 * ```
 */
export function checkDateRange(name: DatacubeName, beginDate: string, endDate: string): void {
  const problem = dateRangeProblem(name, beginDate, endDate);
  if (problem === 'format')
    throw new WeChatError(
      'REQUEST_INVALID',
      `${name}: dates must be YYYY-MM-DD (got ${beginDate}, ${endDate})`,
      {
        hint: 'Write real calendar dates in Beijing time, e.g. 2024-06-01',
      },
    );
  if (problem === 'range')
    throw new WeChatError(
      'REQUEST_INVALID',
      `${name} covers 1 to ${DATACUBE_SPANS[name]} days, first and last included (got ${beginDate} to ${endDate})`,
      { hint: 'Split the range into calls of at most the endpoint’s span (WeChat answers 61501 otherwise)' },
    );
}

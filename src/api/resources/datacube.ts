/**
 * Data statistics (数据统计): users, articles, messages and the server's passive replies, one call per date range.
 * Each method takes the first and last date (`YYYY-MM-DD`, Beijing time, both included) and refuses, before
 * sending, a range longer than its endpoint's span (`DATACUBE_SPANS`) or ending before it starts.
 * @see https://developers.weixin.qq.com/doc/service/api/wedata/user/api_getusersummary.html
 * @module
 */
import { checkDateRange, type DatacubeName } from '../datacube-rules.js';
import type { EndpointResponse } from '../endpoint-types.js';
import type { DateRange } from '../types/datacube.js';
import type { ResourceContext } from './context.js';

type RangeCall = <N extends DatacubeName>(name: N, request: DateRange) => Promise<EndpointResponse<N>>;

/**
 * The statistics group of the client.
 *
 * @example
 * ```ts
 * const { list } = await client.datacube.getUserSummary('2024-06-01', '2024-06-07');
 * const netFollows = list.reduce((sum, row) => sum + row.new_user - row.cancel_user, 0);
 * ```
 */
export function createDatacubeApi({ call }: ResourceContext) {
  // Every datacube request is a DateRange; `call` cannot see that through its generic name, hence the one cast.
  const cube = call as RangeCall;
  // Async, so a range WeChat would refuse rejects the promise instead of throwing at the call site.
  const range = async <N extends DatacubeName>(name: N, beginDate: string, endDate: string) => {
    checkDateRange(name, beginDate, endDate);
    return cube(name, { begin_date: beginDate, end_date: endDate });
  };
  return {
    /**
     * Follows and unfollows per day and source (POST /datacube/getusersummary); at most 7 days.
     * @see https://developers.weixin.qq.com/doc/service/api/wedata/user/api_getusersummary.html
     */
    getUserSummary: (beginDate: string, endDate: string) =>
      range('datacube.getUserSummary', beginDate, endDate),
    /**
     * Followers at the end of each day (POST /datacube/getusercumulate); at most 7 days.
     * @see https://developers.weixin.qq.com/doc/service/api/wedata/user/api_getusercumulate.html
     */
    getUserCumulate: (beginDate: string, endDate: string) =>
      range('datacube.getUserCumulate', beginDate, endDate),
    /**
     * Each sent article's reads and shares of one day (POST /datacube/getarticlesummary); 1 day.
     * @see https://developers.weixin.qq.com/doc/service/api/wedata/news/api_getarticlesummary.html
     */
    getArticleSummary: (beginDate: string, endDate: string) =>
      range('datacube.getArticleSummary', beginDate, endDate),
    /**
     * Each article sent that day, with its numbers up to each later day (POST /datacube/getarticletotal); 1 day.
     * @see https://developers.weixin.qq.com/doc/service/api/wedata/news/api_getarticletotal.html
     */
    getArticleTotal: (beginDate: string, endDate: string) =>
      range('datacube.getArticleTotal', beginDate, endDate),
    /**
     * Reads of all articles per day and source (POST /datacube/getuserread); at most 3 days.
     * @see https://developers.weixin.qq.com/doc/service/api/wedata/news/api_getuserread.html
     */
    getUserRead: (beginDate: string, endDate: string) => range('datacube.getUserRead', beginDate, endDate),
    /**
     * Reads of all articles per hour and source (POST /datacube/getuserreadhour); 1 day.
     * @see https://developers.weixin.qq.com/doc/service/api/wedata/news/api_getuserreadhour.html
     */
    getUserReadHour: (beginDate: string, endDate: string) =>
      range('datacube.getUserReadHour', beginDate, endDate),
    /**
     * Shares per day and scene (POST /datacube/getusershare); at most 7 days.
     * @see https://developers.weixin.qq.com/doc/service/api/wedata/news/api_getusershare.html
     */
    getUserShare: (beginDate: string, endDate: string) => range('datacube.getUserShare', beginDate, endDate),
    /**
     * Shares per hour and scene (POST /datacube/getusersharehour); 1 day.
     * @see https://developers.weixin.qq.com/doc/service/api/wedata/news/api_getusersharehour.html
     */
    getUserShareHour: (beginDate: string, endDate: string) =>
      range('datacube.getUserShareHour', beginDate, endDate),
    /**
     * Readers of each published article on one day, by source (POST /datacube/getarticleread); 1 day.
     * @see https://developers.weixin.qq.com/doc/service/api/wedata/news/api_getarticleread.html
     */
    getArticleRead: (beginDate: string, endDate: string) =>
      range('datacube.getArticleRead', beginDate, endDate),
    /**
     * Sharers of each published article on one day (POST /datacube/getarticleshare); 1 day.
     * @see https://developers.weixin.qq.com/doc/service/api/wedata/news/api_getarticleshare.html
     */
    getArticleShare: (beginDate: string, endDate: string) =>
      range('datacube.getArticleShare', beginDate, endDate),
    /**
     * The account's published content, all articles together, per day (POST /datacube/getbizsummary).
     * @see https://developers.weixin.qq.com/doc/service/api/wedata/news/api_getbizsummary.html
     */
    getBizSummary: (beginDate: string, endDate: string) =>
      range('datacube.getBizSummary', beginDate, endDate),
    /**
     * Each article published in the range, with its numbers per day since (POST /datacube/getarticletotaldetail).
     * @see https://developers.weixin.qq.com/doc/service/api/wedata/news/api_getarticletotaldetail.html
     */
    getArticleTotalDetail: (beginDate: string, endDate: string) =>
      range('datacube.getArticleTotalDetail', beginDate, endDate),
    /**
     * Messages fans sent per day and type (POST /datacube/getupstreammsg); at most 7 days.
     * @see https://developers.weixin.qq.com/doc/service/api/wedata/mess/api_getupstreammsg.html
     */
    getUpstreamMsg: (beginDate: string, endDate: string) =>
      range('datacube.getUpstreamMsg', beginDate, endDate),
    /**
     * Messages fans sent per hour and type (POST /datacube/getupstreammsghour); 1 day.
     * @see https://developers.weixin.qq.com/doc/service/api/wedata/mess/api_getupstreammsghour.html
     */
    getUpstreamMsgHour: (beginDate: string, endDate: string) =>
      range('datacube.getUpstreamMsgHour', beginDate, endDate),
    /**
     * Messages fans sent per week (dated by its Monday) and type (POST /datacube/getupstreammsgweek); 30 days.
     * @see https://developers.weixin.qq.com/doc/service/api/wedata/mess/api_getupstreammsgweek.html
     */
    getUpstreamMsgWeek: (beginDate: string, endDate: string) =>
      range('datacube.getUpstreamMsgWeek', beginDate, endDate),
    /**
     * Messages fans sent per month (dated by its first day) and type (POST /datacube/getupstreammsgmonth); 30 days.
     * @see https://developers.weixin.qq.com/doc/service/api/wedata/mess/api_getupstreammsgmonth.html
     */
    getUpstreamMsgMonth: (beginDate: string, endDate: string) =>
      range('datacube.getUpstreamMsgMonth', beginDate, endDate),
    /**
     * How many fans sent how many messages per day (POST /datacube/getupstreammsgdist); at most 15 days.
     * @see https://developers.weixin.qq.com/doc/service/api/wedata/mess/api_getupstreammsgdist.html
     */
    getUpstreamMsgDist: (beginDate: string, endDate: string) =>
      range('datacube.getUpstreamMsgDist', beginDate, endDate),
    /**
     * How many fans sent how many messages per week (POST /datacube/getupstreammsgdistweek); 30 days.
     * @see https://developers.weixin.qq.com/doc/service/api/wedata/mess/api_getupstreammsgdistweek.html
     */
    getUpstreamMsgDistWeek: (beginDate: string, endDate: string) =>
      range('datacube.getUpstreamMsgDistWeek', beginDate, endDate),
    /**
     * How many fans sent how many messages per month (POST /datacube/getupstreammsgdistmonth); 30 days.
     * @see https://developers.weixin.qq.com/doc/service/api/wedata/mess/api_getupstreammsgdistmonth.html
     */
    getUpstreamMsgDistMonth: (beginDate: string, endDate: string) =>
      range('datacube.getUpstreamMsgDistMonth', beginDate, endDate),
    /**
     * The server's passive replies per day: count, failures, time (POST /datacube/getinterfacesummary); 30 days.
     * @see https://developers.weixin.qq.com/doc/service/api/wedata/api/api_getinterfacesummary.html
     */
    getInterfaceSummary: (beginDate: string, endDate: string) =>
      range('datacube.getInterfaceSummary', beginDate, endDate),
    /**
     * The server's passive replies per hour (POST /datacube/getinterfacesummaryhour); 1 day.
     * @see https://developers.weixin.qq.com/doc/service/api/wedata/api/api_getinterfacesummaryhour.html
     */
    getInterfaceSummaryHour: (beginDate: string, endDate: string) =>
      range('datacube.getInterfaceSummaryHour', beginDate, endDate),
  };
}

/**
 * The type of `client.datacube`.
 */
export type DatacubeApi = ReturnType<typeof createDatacubeApi>;

/**
 * Rows of data statistics (数据统计): every one a POST of `{ begin_date, end_date }`, a read.
 * @module
 */
import { API_DOC, post, read, type RowsOf } from './row.js';

const WEDATA = `${API_DOC}wedata/`;
const cube = (name: string, folder: 'user' | 'news' | 'mess' | 'api') =>
  post(`/datacube/${name}`, `${WEDATA}${folder}/api_${name}.html`, read);

/**
 * The datacube rows; their pages are `wedata/{user,news,mess,api}/api_<name>.html`.
 *
 * @example
 * ```ts
 * statisticsRows['datacube.getUserSummary'].path; // '/datacube/getusersummary'
 * ```
 */
export const statisticsRows = {
  'datacube.getUserSummary': cube('getusersummary', 'user'),
  'datacube.getUserCumulate': cube('getusercumulate', 'user'),
  'datacube.getArticleSummary': cube('getarticlesummary', 'news'),
  'datacube.getArticleTotal': cube('getarticletotal', 'news'),
  'datacube.getUserRead': cube('getuserread', 'news'),
  'datacube.getUserReadHour': cube('getuserreadhour', 'news'),
  'datacube.getUserShare': cube('getusershare', 'news'),
  'datacube.getUserShareHour': cube('getusersharehour', 'news'),
  'datacube.getArticleRead': cube('getarticleread', 'news'),
  'datacube.getArticleShare': cube('getarticleshare', 'news'),
  'datacube.getBizSummary': cube('getbizsummary', 'news'),
  'datacube.getArticleTotalDetail': cube('getarticletotaldetail', 'news'),
  'datacube.getUpstreamMsg': cube('getupstreammsg', 'mess'),
  'datacube.getUpstreamMsgHour': cube('getupstreammsghour', 'mess'),
  'datacube.getUpstreamMsgWeek': cube('getupstreammsgweek', 'mess'),
  'datacube.getUpstreamMsgMonth': cube('getupstreammsgmonth', 'mess'),
  'datacube.getUpstreamMsgDist': cube('getupstreammsgdist', 'mess'),
  'datacube.getUpstreamMsgDistWeek': cube('getupstreammsgdistweek', 'mess'),
  'datacube.getUpstreamMsgDistMonth': cube('getupstreammsgdistmonth', 'mess'),
  'datacube.getInterfaceSummary': cube('getinterfacesummary', 'api'),
  'datacube.getInterfaceSummaryHour': cube('getinterfacesummaryhour', 'api'),
} satisfies RowsOf<'datacube'>;

/**
 * Statistics of the developer's server as WeChat sees it: the pushes it answered per day or hour, the failures
 * (no answer in time, an answer WeChat rejects) and the time taken over every attempt, in ms.
 * @module
 */
import type { Activity } from '../../activity.js';
import type { Handlers } from '../core/handler.js';
import { activitiesIn, dateOfDay, dayOf, groupBy, hourOf, requestedDays } from './dates.js';

type Reply = Extract<Activity, { kind: 'reply' }>;

function summary(replies: Reply[]): Record<string, number> {
  return {
    callback_count: replies.length,
    fail_count: replies.filter((r) => !r.ok).length,
    total_time_cost: replies.reduce((sum, r) => sum + r.ms, 0),
    max_time_cost: replies.reduce((max, r) => Math.max(max, r.ms), 0),
  };
}

/**
 * The handlers of getinterfacesummary and getinterfacesummaryhour.
 *
 * @example
 * ```ts
 * Object.keys(interfaceStatHandlers); // ['datacube.getInterfaceSummary', 'datacube.getInterfaceSummaryHour']
 * ```
 */
export const interfaceStatHandlers: Handlers = {
  'datacube.getInterfaceSummary': (call) => {
    const { first, last } = requestedDays(call);
    const byDay = groupBy(activitiesIn(call, ['reply'], first, last), (r) => dayOf(r.at));
    return { list: [...byDay].map(([day, replies]) => ({ ref_date: dateOfDay(day), ...summary(replies) })) };
  },
  'datacube.getInterfaceSummaryHour': (call) => {
    const { first, last } = requestedDays(call);
    const byHour = groupBy(
      activitiesIn(call, ['reply'], first, last),
      (r) => `${dayOf(r.at)} ${hourOf(r.at)}`,
    );
    return {
      list: [...byHour.values()].map((replies) => ({
        ref_date: dateOfDay(dayOf(replies[0]!.at)),
        ref_hour: hourOf(replies[0]!.at) * 100,
        ...summary(replies),
      })),
    };
  },
};

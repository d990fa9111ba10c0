/**
 * Statistics of the messages fans sent (upstream messages), from the fan side's messages: per day, hour, week
 * (dated by its Monday) or month (dated by its first day) and message type, and how many fans sent how many.
 * @module
 */
import type { Activity } from '../../activity.js';
import type { Call, Handler, Handlers } from '../core/handler.js';
import {
  activitiesIn,
  dateOfDay,
  dayOf,
  distinctFans,
  groupBy,
  hourOf,
  periodStart,
  requestedDays,
} from './dates.js';

/** `msg_type` of each MsgType the statistics count (1 text, 2 image, 3 voice, 4 video, 6 link). */
const MSG_TYPES: Readonly<Record<string, number>> = {
  text: 1,
  image: 2,
  voice: 3,
  video: 4,
  shortvideo: 4,
  link: 6,
};

type Message = Extract<Activity, { kind: 'message' }>;
type Period = 'day' | 'week' | 'month';

/** The counted messages whose period starts inside the asked range. */
function messages(call: Call, period: Period): { list: Message[]; days: number[] } {
  const { first, last, days } = requestedDays(call);
  // A week or month that starts inside the range is counted whole.
  const all = activitiesIn(call, ['message'], first - 31, last + 31).filter(
    (m) => MSG_TYPES[m.msgType] !== undefined,
  );
  const start = (m: Message) => periodStart(dayOf(m.at), period);
  return { list: all.filter((m) => start(m) >= first && start(m) <= last), days };
}

function byType(list: Message[], extra: Record<string, unknown>): Record<string, unknown>[] {
  return [...groupBy(list, (m) => MSG_TYPES[m.msgType]!)].map(([msgType, ofType]) => ({
    ...extra,
    msg_type: msgType,
    msg_user: distinctFans(ofType),
    msg_count: ofType.length,
  }));
}

function perPeriod(period: Period): Handler {
  return (call) => {
    const { list } = messages(call, period);
    const groups = groupBy(list, (m) => periodStart(dayOf(m.at), period));
    return { list: [...groups].flatMap(([day, ofDay]) => byType(ofDay, { ref_date: dateOfDay(day) })) };
  };
}

/** The bucket of a fan's message count: 1 for 1–5, 2 for 6–10, 3 for more. */
const interval = (count: number) => (count <= 5 ? 1 : count <= 10 ? 2 : 3);

function distribution(period: Period): Handler {
  return (call) => {
    const { list } = messages(call, period);
    const rows = [...groupBy(list, (m) => periodStart(dayOf(m.at), period))].flatMap(([day, ofPeriod]) => {
      const perFan = [...groupBy(ofPeriod, (m) => m.openid).values()].map((l) => interval(l.length));
      return [...groupBy(perFan, (i) => i)].map(([countInterval, fans]) => ({
        ref_date: dateOfDay(day),
        count_interval: countInterval,
        msg_user: fans.length,
      }));
    });
    return { list: rows };
  };
}

/**
 * The handlers of the seven getupstreammsg endpoints.
 *
 * @example
 * ```ts
 * Object.keys(messageStatHandlers); // ['datacube.getUpstreamMsg', 'datacube.getUpstreamMsgHour', …]
 * ```
 */
export const messageStatHandlers: Handlers = {
  'datacube.getUpstreamMsg': perPeriod('day'),
  'datacube.getUpstreamMsgWeek': perPeriod('week'),
  'datacube.getUpstreamMsgMonth': perPeriod('month'),
  'datacube.getUpstreamMsgHour': (call) => {
    const { list } = messages(call, 'day');
    const groups = groupBy(list, (m) => `${dayOf(m.at)} ${hourOf(m.at)}`);
    return {
      list: [...groups].flatMap(([, ofHour]) =>
        byType(ofHour, { ref_date: dateOfDay(dayOf(ofHour[0]!.at)), ref_hour: hourOf(ofHour[0]!.at) * 100 }),
      ),
    };
  },
  'datacube.getUpstreamMsgDist': distribution('day'),
  'datacube.getUpstreamMsgDistWeek': distribution('week'),
  'datacube.getUpstreamMsgDistMonth': distribution('month'),
};

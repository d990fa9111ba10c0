/**
 * User statistics from the follows and unfollows the emulator has seen: per day and source, and the followers at
 * the end of each day (today's following fans, less what happened since).
 * @module
 */
import { activities } from '../../activity.js';
import type { Handlers } from '../core/handler.js';
import { activitiesIn, dateOfDay, dayOf, groupBy, requestedDays } from './dates.js';

/**
 * The handlers of getusersummary and getusercumulate.
 *
 * @example
 * ```ts
 * Object.keys(userStatHandlers); // ['datacube.getUserSummary', 'datacube.getUserCumulate']
 * ```
 */
export const userStatHandlers: Handlers = {
  'datacube.getUserSummary': (call) => {
    const { first, last, days } = requestedDays(call);
    const byDay = groupBy(activitiesIn(call, ['follow', 'unfollow'], first, last), (a) => dayOf(a.at));
    const list = days.flatMap((day) => {
      const bySource = groupBy(byDay.get(day) ?? [], (a) => a.source);
      // Every day has a row; a quiet day is one of source 0 with nothing in it, as WeChat answers.
      if (bySource.size === 0)
        return [{ ref_date: dateOfDay(day), user_source: 0, new_user: 0, cancel_user: 0 }];
      return [...bySource].map(([source, list]) => ({
        ref_date: dateOfDay(day),
        user_source: source,
        new_user: list.filter((a) => a.kind === 'follow').length,
        cancel_user: list.filter((a) => a.kind === 'unfollow').length,
      }));
    });
    return { list };
  },
  'datacube.getUserCumulate': (call) => {
    const { days } = requestedDays(call);
    const changes = activities(call.state).flatMap((a) =>
      a.kind === 'follow'
        ? [{ day: dayOf(a.at), delta: 1 }]
        : a.kind === 'unfollow'
          ? [{ day: dayOf(a.at), delta: -1 }]
          : [],
    );
    const following = [...call.state.fans.values()].filter((f) => f.following).length;
    // Fans who followed before anything was recorded (the default fan, fans created following) count throughout.
    const before = following - changes.reduce((sum, c) => sum + c.delta, 0);
    const list = days.map((day) => ({
      ref_date: dateOfDay(day),
      cumulate_user: before + changes.filter((c) => c.day <= day).reduce((sum, c) => sum + c.delta, 0),
    }));
    return { list };
  },
};

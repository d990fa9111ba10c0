// What the page draws from: the snapshot of /__emulator/page, the current fan, its chat and the pushes.

/** Everything the page draws from. */
export const S = {
  page: null,
  current: null,
  entries: [],
  seen: new Set(),
  arrivedWhileLoading: null,
  pushesWhileLoading: [],
  pushes: [],
  keyboard: false,
  pending: 0,
};

/** The fan holding the phone, from the last snapshot. */
export const fan = () => S.page?.fans.find((f) => f.openid === S.current);

/** A fan's nickname, or the openid when the snapshot does not know it. */
export const fanName = (openid) => S.page?.fans.find((f) => f.openid === openid)?.nickname ?? openid;

/**
 * What the phone page draws from (`GET /__emulator/page`): the account with its development credentials, where the
 * API is, every fan with the menu they see and whether the account is typing to them, and the QR codes a fan can
 * scan. Types only: the phone page's type-check reads this file.
 * @module
 */
import type { EmulatedAccount, Fan, FanMenu, QrScene } from '../world.js';

/** A fan as the page shows them. */
export interface PageFan extends Fan {
  menu: FanMenu | null;
  /** The account shows "typing…" to this fan (message/custom/typing). */
  typing: boolean;
}

/**
 * The page's snapshot.
 *
 * @example
 * ```ts
 * const snapshot = (await (await fetch('/__emulator/page')).json()) as PageSnapshot;
 * ```
 */
export interface PageSnapshot {
  account: EmulatedAccount;
  /** The emulator's origin, to use as `WECHAT_API_BASE`. */
  apiBase: string;
  fans: PageFan[];
  qrTickets: QrScene[];
}

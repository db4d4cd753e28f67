/**
 * How one delivery goes, decided from its priority, the clock, the province's limits and the person's facts:
 * by Mini App, by ZNS, later (with the time and the reason), or in the app only (with the reason). Pure; the
 * counts it reads are claimed atomically afterwards (services/delivery-quota), and a lost claim plans again.
 *
 * Emergency alerts go at any hour and are never deferred: when the Mini App cannot take them they go by ZNS where
 * the person agreed to it and gave a phone, else they stay in the app. Everything else waits for the window, the
 * next day's fresh limit or cap, and uses only its priority's share of each app-wide cap (domain/delivery-limits).
 */
import { type DeliveryLimits, inWindow, nextDayWindowStart, nextWindowStart } from "./delivery-limits";
import { PRIORITY, type Priority } from "./delivery-priority";

export type DeliveryReason = "window" | "user_daily_limit" | "app_daily_cap" | "zns_quota" | "no_consent" | "inactive" | "no_channel";

export type PersonFacts = {
  miniappConsent: boolean;
  /** When they last opened the mini app (ISO). */
  lastSeenAt: string;
  /** Mini App notifications already sent to them today (Vietnam day). */
  miniappCountToday: number;
  /** Agreed to ZNS and gave a phone number. */
  znsReachable: boolean;
};

/** What is left today of the app-wide caps for this priority's share. */
export type CapFacts = { miniappLeft: boolean; znsLeft: boolean };

export type DeliveryPlan =
  | { action: "miniapp" }
  | { action: "zns"; reason: DeliveryReason | null }
  | { action: "defer"; until: number; reason: DeliveryReason }
  | { action: "in_app"; reason: DeliveryReason };

const DAY_MS = 24 * 60 * 60 * 1000;

export function planDelivery(input: { priority: Priority; nowMs: number; limits: DeliveryLimits; person: PersonFacts; caps: CapFacts }): DeliveryPlan {
  const { priority, nowMs, limits, person, caps } = input;
  const emergency = priority === PRIORITY.emergency;
  const active = nowMs - Date.parse(person.lastSeenAt) <= limits.miniappActiveDays * DAY_MS;
  const open = inWindow(nowMs, limits);

  // Why the Mini App cannot take it now, if it cannot (the first reason that applies).
  let miniappBlock: DeliveryReason | null = null;
  if (!person.miniappConsent) miniappBlock = "no_consent";
  else if (!active) miniappBlock = "inactive";
  else if (person.miniappCountToday >= limits.miniappPerUserDaily) miniappBlock = "user_daily_limit";
  else if (!caps.miniappLeft) miniappBlock = "app_daily_cap";
  else if (!open && !emergency) miniappBlock = "window";
  if (miniappBlock === null) return { action: "miniapp" };

  if (emergency) {
    if (person.znsReachable && caps.znsLeft) return { action: "zns", reason: miniappBlock };
    return { action: "in_app", reason: person.znsReachable ? "zns_quota" : miniappBlock };
  }
  switch (miniappBlock) {
    case "window":
      return { action: "defer", until: nextWindowStart(nowMs, limits), reason: "window" };
    case "user_daily_limit":
    case "app_daily_cap":
      return { action: "defer", until: nextDayWindowStart(nowMs, limits), reason: miniappBlock };
    default:
      // No consent, or inactive (the mini app is theirs to open: the inbox has it then); ZNS if they agreed.
      if (person.znsReachable) {
        if (!open) return { action: "defer", until: nextWindowStart(nowMs, limits), reason: "window" };
        if (caps.znsLeft) return { action: "zns", reason: miniappBlock };
        return { action: "defer", until: nextDayWindowStart(nowMs, limits), reason: "zns_quota" };
      }
      return { action: "in_app", reason: miniappBlock };
  }
}

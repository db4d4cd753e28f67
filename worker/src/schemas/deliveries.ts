import { z } from "@hono/zod-openapi";
import { LIMIT_BOUNDS } from "../domain/delivery-limits";

const bounded = (field: keyof typeof LIMIT_BOUNDS) => z.number().int().min(LIMIT_BOUNDS[field][0]).max(LIMIT_BOUNDS[field][1]);
const clock = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$|^24:00$/, { message: "HH:mm from 00:00 to 24:00" });

export const DeliverySettingsSchema = z
  .object({
    miniappPerUserDaily: bounded("miniappPerUserDaily").openapi({ description: "Mini App notifications per user per Vietnam day (Zalo: 1)" }),
    miniappDailyCap: bounded("miniappDailyCap").openapi({ description: "Mini App notifications per app per Vietnam day" }),
    miniappWindowStart: clock.openapi({ description: "Start of the sending window, HH:mm Asia/Ho_Chi_Minh", example: "06:00" }),
    miniappWindowEnd: clock.openapi({ description: "End of the window (exclusive); 24:00 for the whole day", example: "22:00" }),
    miniappActiveDays: bounded("miniappActiveDays").openapi({ description: "Only users who opened the mini app within this many days" }),
    znsDailyQuota: bounded("znsDailyQuota").openapi({ description: "ZNS messages per OA per Vietnam day, as Zalo currently grants" }),
    oaPerFollowerMonthly: bounded("oaPerFollowerMonthly").openapi({ description: "OA broadcasts per follower per month (modelled; motcua sends none)" }),
    oaPerFollowerDaily: bounded("oaPerFollowerDaily").openapi({ description: "OA broadcasts per follower per day (modelled; motcua sends none)" }),
  })
  .openapi("DeliverySettings");

export const BroadcastCountsSchema = z
  .object({
    targeted: z.number().int().openapi({ description: "People in the audience when it was sent" }),
    sentByZalo: z.number().int().openapi({ description: "Reached through a Mini App notification or ZNS (digest lines included)" }),
    inAppOnly: z.number().int().openapi({ description: "No Zalo channel could take it: in the app's inbox and banner only" }),
    deferred: z.number().int().openapi({ description: "Waiting for the window or tomorrow's quota; goes down as they are sent" }),
    failed: z.number().int(),
  })
  .openapi("BroadcastCounts");

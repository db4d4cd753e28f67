import { drizzle } from "drizzle-orm/d1";
import { app } from "./app";
import * as schema from "./db/schema";
import type { Env, NotifyMessage } from "./env";
import { sweepErasedMedia } from "./services/erasure";
import { runLifecycle } from "./services/lifecycle";
import { dispatchOutbox, handleNotifyBatch, SWEEP_CRON, sweepNotifications } from "./services/notify";
import { remindStaffNotices } from "./services/staff-notices-remind";
import { closeAnsweredFeedback, escalateQuestions, isDaytimeInVietnam, planScheduledMessages } from "./services/notify-cron";

export type { AppType } from "./app";

export default {
  fetch: app.fetch,
  /** Deliveries (wrangler.jsonc queues): motcua-notify and, for emergency alerts, motcua-notify-urgent. */
  async queue(batch, env) {
    await handleNotifyBatch(batch as MessageBatch<NotifyMessage>, env, drizzle(env.DB, { schema }));
  },
  async scheduled(controller, env) {
    const db = drizzle(env.DB, { schema });
    if (controller.cron === SWEEP_CRON) {
      await sweepNotifications(env, db, controller.scheduledTime);
      await dispatchOutbox(env, await remindStaffNotices(env.DB, controller.scheduledTime));
      return;
    }
    await sweepErasedMedia(db, env.MEDIA);
    // Personal data past retention, old messages, expired counters and signatures, old feedback photos.
    const lifecycle = await runLifecycle(db, env.MEDIA, controller.scheduledTime);
    console.log("lifecycle", JSON.stringify(lifecycle));
    const at = controller.scheduledTime;
    await dispatchOutbox(env, await planScheduledMessages(db, at));
    // Nobody is messaged at night: escalations and automatic closes wait for the morning too.
    if (isDaytimeInVietnam(at)) await dispatchOutbox(env, [...(await escalateQuestions(env.DB, at)), ...(await closeAnsweredFeedback(env.DB, at))]);
  },
} satisfies ExportedHandler<Env>;

import { app } from "./app";
import type { Env, NotifyMessage } from "./env";
import { sweepErasedMedia } from "./services/erasure";
import { runLifecycle } from "./services/lifecycle";
import { dispatchOutbox, handleNotifyBatch, SWEEP_CRON, sweepNotifications } from "./services/notify";
import { remindStaffNotices } from "./services/staff-notices-remind";
import { closeAnsweredFeedback, escalateQuestions, isDaytimeInVietnam, planScheduledMessages } from "./services/notify-cron";
import { CONTROL_BINDING } from "./domain/shards";
import { eachShard, openShard } from "./shards/each";

export type { AppType } from "./app";

export default {
  fetch: app.fetch,
  /**
   * Deliveries (wrangler.jsonc queues): motcua-notify and, for emergency alerts, motcua-notify-urgent. Each
   * message names the shard holding its rows; a batch is handled shard by shard.
   */
  async queue(batch, env) {
    const byShard = new Map<string, Message<NotifyMessage>[]>();
    for (const message of (batch as MessageBatch<NotifyMessage>).messages) {
      const binding = message.body.shard ?? CONTROL_BINDING;
      byShard.set(binding, [...(byShard.get(binding) ?? []), message]);
    }
    for (const [binding, messages] of byShard) {
      const shard = await openShard(env, binding);
      // A shard this Worker cannot use now: the queue redelivers later (then the dead-letter queue).
      if (!shard) for (const message of messages) message.retry();
      else await handleNotifyBatch({ ...batch, messages } as MessageBatch<NotifyMessage>, shard.env, shard.db);
    }
  },
  /** Every shard in turn; one failing does not stop the others. */
  async scheduled(controller, env) {
    const at = controller.scheduledTime;
    await eachShard(env, async ({ env, db }) => {
      if (controller.cron === SWEEP_CRON) {
        await sweepNotifications(env, db, at);
        await dispatchOutbox(env, await remindStaffNotices(env.DB, at));
        return;
      }
      await sweepErasedMedia(db, env.MEDIA);
      // Personal data past retention, old messages, expired counters and signatures, old feedback photos.
      const lifecycle = await runLifecycle(db, env.MEDIA, at);
      console.log("lifecycle", env.SHARD ?? CONTROL_BINDING, JSON.stringify(lifecycle));
      await dispatchOutbox(env, await planScheduledMessages(db, at));
      // Nobody is messaged at night: escalations and automatic closes wait for the morning too.
      if (isDaytimeInVietnam(at)) await dispatchOutbox(env, [...(await escalateQuestions(env.DB, at)), ...(await closeAnsweredFeedback(env.DB, at))]);
    });
  },
} satisfies ExportedHandler<Env>;

/**
 * The notification pipeline after the outbox. Two kinds of queue message:
 * - `fanout`: one outbox row → one delivery row per follower (INSERT … SELECT, idempotent), then `deliver`
 *   messages for them. Past one page of followers, the first fan-out message only cuts the followers into pages
 *   (one query) and enqueues them all, so pages are processed in parallel by as many consumers as run;
 * - `deliver`: a handful of delivery ids → each is claimed (queued/failed_temporary → sending, in one UPDATE, so
 *   only one consumer ever sends it), sent through Zalo, and its outcome recorded.
 * Temporary failures are re-enqueued with a growing delay; after the last attempt the delivery is dead-lettered
 * (failed_permanent, with Zalo's reason, and parked on the dead-letter queue). Consent and following are checked
 * at send time, so withdrawing either stops messages at once. The guarantee is at least once per delivery (see
 * sweepNotifications and the README).
 */
import { and, eq, inArray, isNull, lte, or, sql } from "drizzle-orm";
import { drizzle } from "drizzle-orm/d1";
import * as schema from "../db/schema";
import { deliveries, follows, outbox } from "../db/schema";
import { priorityOf } from "../domain/delivery-priority";
import type { MessageKind } from "../domain/notifications";
import type { Db, Env, NotifyMessage } from "../env";
import { broadcastFanOut, isUrgentKind } from "./broadcast-fanout";
import { type DeliverShared, deliver, deliverShared } from "./notify-deliver";
import { leaveDeferredStatements } from "./notify-outcomes";
import { BATCH_CONCURRENCY, deliverMessages, eachConcurrently, FANOUT_PAGE, notifySettings, queueFor, runOrEnqueuePages, sendAll } from "./notify-queue";

export { DELIVER_GROUP, FANOUT_PAGE, notifySettings, retryDelaySeconds } from "./notify-queue";
export { deliver };

/** Deferred deliveries re-queued per sweep at most, highest priority first. */
export const DEFERRED_PER_SWEEP = 2000;

/** The sweeper's cron expression in wrangler.jsonc (every 5 minutes); the hourly one does reminders and housekeeping. */
export const SWEEP_CRON = "*/5 * * * *";

/**
 * After outbox rows are committed: start their fan-out right here (plan the pages and, for an audience of a few
 * pages, create the deliveries and enqueue them), so the first message is not held by a queue hop; a large
 * audience's pages go to the queue. If this fails, the fan-out message is enqueued instead, and if that fails too
 * the sweeper finds the rows (fannedOutAt null).
 */
export async function dispatchOutbox(env: Env, outboxIds: number[], options: { urgent?: boolean } = {}): Promise<void> {
  if (outboxIds.length === 0) return;
  const db = drizzle(env.DB, { schema });
  const left: number[] = [];
  for (const outboxId of outboxIds) {
    try {
      await fanOut(env, db, outboxId, undefined, { inline: true });
    } catch (error) {
      console.warn("inline fan-out failed; enqueued instead", outboxId, String(error));
      left.push(outboxId);
    }
  }
  if (left.length === 0) return;
  try {
    await sendAll(
      queueFor(env, options.urgent === true),
      left.map((outboxId) => ({ type: "fanout", outboxId })),
    );
  } catch (error) {
    console.warn("outbox dispatch failed; the sweeper will retry", left.length, String(error));
  }
}

export async function handleNotifyBatch(batch: MessageBatch<NotifyMessage>, env: Env, db: Db): Promise<void> {
  const shared = deliverShared();
  await eachConcurrently(batch.messages, BATCH_CONCURRENCY, (message) => handleOne(env, db, message, shared));
}

async function handleOne(env: Env, db: Db, message: Message<NotifyMessage>, shared: DeliverShared): Promise<void> {
  try {
    const body = message.body;
    if (body.type === "fanout") await fanOut(env, db, body.outboxId, body.page, { shared });
    else if (body.type === "deliver") await deliver(env, db, body.deliveryIds, body.at, shared);
    message.ack();
  } catch (error) {
    // D1 or the queue failed under us: let the queue redeliver. Claimed rows were released (see deliver).
    console.error("notify message failed; will be retried", JSON.stringify(message.body), String(error));
    message.retry();
  }
}

/** Plans a fan-out (no page) or creates and enqueues the deliveries of one page of followers. Safe to run twice. */
export async function fanOut(
  env: Env,
  db: Db,
  outboxId: number,
  page?: { after: number; upTo: number | null },
  options: { inline?: boolean; shared?: DeliverShared } = {},
): Promise<void> {
  const [row] = await db.select().from(outbox).where(eq(outbox.id, outboxId)).limit(1);
  if (!row) return;
  if (row.audience) return broadcastFanOut(env, db, row, page, options);
  const priority = priorityOf(row.kind as MessageKind);
  // Followers as of the message: someone who follows later was not following when it happened.
  const following = sql`${follows.dossierCode} = ${row.dossierCode} AND ${follows.createdAt} <= ${row.createdAt}`;
  const now = new Date().toISOString();
  if (row.recipientCitizenId !== null) {
    // One recipient: one delivery, no pages.
    if (row.fannedOutAt) return;
    const [created] = await db
      .insert(deliveries)
      .values({
        outboxId,
        citizenId: row.recipientCitizenId,
        channel: "miniapp",
        status: "queued",
        attempts: 0,
        priority,
        nextAttemptAt: now,
        createdAt: now,
        updatedAt: now,
      })
      .onConflictDoNothing()
      .returning({ id: deliveries.id });
    if (created) await sendAll(env.NOTIFY_QUEUE, deliverMessages([created.id]));
    await db.update(outbox).set({ fannedOutAt: now }).where(eq(outbox.id, outboxId));
    return;
  }
  if (!page) {
    if (row.fannedOutAt) return;
    // The last citizen id of every full page, in one pass over the index.
    const ends = await db.all<{ id: number }>(sql`
      SELECT citizen_id AS id FROM (
        SELECT ${follows.citizenId} AS citizen_id, row_number() OVER (ORDER BY ${follows.citizenId}) AS n FROM ${follows} WHERE ${following}
      ) WHERE n % ${FANOUT_PAGE} = 0`);
    if (ends.length > 0) {
      await runOrEnqueuePages(env.NOTIFY_QUEUE, outboxId, ends, options.inline === true, (p) => fanOut(env, db, outboxId, p));
      await db.update(outbox).set({ fannedOutAt: now }).where(eq(outbox.id, outboxId));
      return;
    }
    page = { after: 0, upTo: null };
  }
  const inPage = and(sql`${follows.citizenId} > ${page.after}`, page.upTo === null ? undefined : lte(follows.citizenId, page.upTo));
  await db.run(sql`
    INSERT INTO ${deliveries} (outbox_id, citizen_id, channel, status, attempts, priority, next_attempt_at, created_at, updated_at)
    SELECT ${outboxId}, ${follows.citizenId}, 'miniapp', 'queued', 0, ${priority}, ${now}, ${now}, ${now} FROM ${follows}
    WHERE ${following} AND ${inPage}
    ON CONFLICT (outbox_id, citizen_id) DO NOTHING`);
  const queued = await db
    .select({ id: deliveries.id })
    .from(deliveries)
    .where(
      and(
        eq(deliveries.outboxId, outboxId),
        eq(deliveries.status, "queued"),
        sql`${deliveries.citizenId} > ${page.after}`,
        page.upTo === null ? undefined : lte(deliveries.citizenId, page.upTo),
      ),
    );
  await sendAll(env.NOTIFY_QUEUE, deliverMessages(queued.map((d) => d.id)));
  if (!row.fannedOutAt) await db.update(outbox).set({ fannedOutAt: now }).where(eq(outbox.id, outboxId));
}

/**
 * Every few minutes: fan-outs whose dispatch was lost, deliveries whose queue message was lost, and claims left
 * in `sending` by a consumer that died mid-send. The last are sent again (at least once: the message may already
 * have gone out, and a lost one would be worse than a second one), unless they used up their attempts: those are
 * dead-lettered with the outcome unknown.
 */
export async function sweepNotifications(
  env: Env,
  db: Db,
  nowMs: number,
): Promise<{ fanouts: number; deliveries: number; interrupted: number; deferred: number }> {
  const { maxAttempts } = notifySettings(env);
  const nowIso = new Date(nowMs).toISOString();
  const stale = new Date(nowMs - 10 * 60 * 1000).toISOString();
  const interruptedClaim = and(eq(deliveries.status, "sending"), lte(deliveries.updatedAt, stale));
  const [pendingOutbox, overdueDeliveries, resent, abandoned, due] = await db.batch([
    db
      .select({ id: outbox.id, kind: outbox.kind, notBefore: outbox.notBefore })
      .from(outbox)
      .where(
        and(
          isNull(outbox.fannedOutAt),
          lte(outbox.createdAt, new Date(nowMs - 2 * 60 * 1000).toISOString()),
          // A news post scheduled for later waits for its time.
          or(isNull(outbox.notBefore), lte(outbox.notBefore, nowIso)),
        ),
      )
      .limit(500),
    db
      .select({ id: deliveries.id, priority: deliveries.priority })
      .from(deliveries)
      .where(and(inArray(deliveries.status, ["queued", "failed_temporary"]), lte(deliveries.nextAttemptAt, stale)))
      .limit(2000),
    db
      .update(deliveries)
      .set({ status: "failed_temporary", lastError: "interrupted while sending; sent again", nextAttemptAt: nowIso, updatedAt: nowIso })
      .where(and(interruptedClaim, sql`${deliveries.attempts} < ${maxAttempts}`))
      .returning({ id: deliveries.id, priority: deliveries.priority }),
    db
      .update(deliveries)
      .set({
        status: "failed_permanent",
        lastError: "interrupted while sending on the last attempt; outcome unknown",
        deadLetteredAt: nowIso,
        updatedAt: nowIso,
      })
      .where(interruptedClaim)
      .returning({ id: deliveries.id }),
    // Deferred deliveries whose time has come, highest priority first, bounded per sweep.
    db
      .select({ id: deliveries.id })
      .from(deliveries)
      .where(and(eq(deliveries.status, "deferred"), lte(deliveries.nextAttemptAt, nowIso)))
      .orderBy(deliveries.priority, deliveries.nextAttemptAt)
      .limit(DEFERRED_PER_SWEEP),
  ]);
  for (const urgent of [true, false]) {
    await dispatchOutbox(
      env,
      pendingOutbox.filter((o) => isUrgentKind(o.kind) === urgent).map((o) => o.id),
      { urgent },
    );
  }
  let requeued: { id: number; priority: number }[] = [];
  if (due.length > 0) {
    const [, moved] = await db.batch(
      leaveDeferredStatements(
        db,
        due.map((d) => d.id),
        { status: "queued" },
        nowIso,
      ),
    );
    requeued = moved;
  }
  const again = [...overdueDeliveries, ...resent, ...requeued];
  // The sweeper's clock goes with what it re-queues: a delivery due at the window's start is planned at that time.
  await sendAll(
    env.NOTIFY_URGENT_QUEUE,
    deliverMessages(
      again.filter((d) => d.priority === 0).map((d) => d.id),
      nowMs,
    ),
  );
  await sendAll(
    env.NOTIFY_QUEUE,
    deliverMessages(
      again.filter((d) => d.priority !== 0).map((d) => d.id),
      nowMs,
    ),
  );
  if (abandoned.length > 0) await sendAll(env.NOTIFY_DLQ, [{ type: "deliver", deliveryIds: abandoned.map((d) => d.id) }]);
  return {
    fanouts: pendingOutbox.length,
    deliveries: again.length - requeued.length,
    interrupted: resent.length + abandoned.length,
    deferred: requeued.length,
  };
}

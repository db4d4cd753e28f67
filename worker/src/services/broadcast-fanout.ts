/**
 * The fan-out of a broadcast (an outbox row with an audience, written by broadcast-outbox): the distinct citizens who
 * chose one of the audience's communes, in pages by citizen id like a dossier's followers, never one queue message
 * per person. The dispatch cuts the audience into pages (one query): a few pages are written where it was committed
 * and their deliveries enqueued in groups; more are enqueued as page messages, and a consumer taking one writes its
 * delivery rows in one INSERT … SELECT (with the priority and the broadcast they count towards), already claimed,
 * and sends them itself. Alerts take the urgent queue all the way; a news post waits for its `not_before`.
 */
import { eq, sql } from "drizzle-orm";
import { type BroadcastAudience, broadcasts, citizenCommunes, deliveries, outbox } from "../db/schema";
import { priorityOf } from "../domain/delivery-priority";
import type { MessageKind } from "../domain/notifications";
import type { Db, Env } from "../env";
import { audienceCondition } from "./broadcast-outbox";
import { type Claimed, type DeliverShared, deliver, deliverClaimed } from "./notify-deliver";
import { BATCH_CONCURRENCY, DELIVER_GROUP, deliverMessages, eachConcurrently, FANOUT_PAGE, queueFor, runOrEnqueuePages, sendAll } from "./notify-queue";

export const isUrgentKind = (kind: string) => priorityOf(kind as MessageKind) === 0;

type OutboxRow = typeof outbox.$inferSelect;

export async function broadcastFanOut(
  env: Env,
  db: Db,
  row: OutboxRow,
  page?: { after: number; upTo: number | null },
  options: { inline?: boolean; shared?: DeliverShared } = {},
): Promise<void> {
  const nowMs = Date.now();
  const now = new Date(nowMs).toISOString();
  // Scheduled for later: the sweeper dispatches it again once its time has come.
  if (row.notBefore && Date.parse(row.notBefore) > nowMs) return;
  const queue = queueFor(env, isUrgentKind(row.kind));
  const audience = sql`${audienceCondition(row.provinceId, row.audience as BroadcastAudience)} AND ${citizenCommunes.createdAt} <= ${row.createdAt}`;
  if (!page) {
    if (row.fannedOutAt) return;
    const ends = await db.all<{ id: number }>(sql`
      SELECT citizen_id AS id FROM (
        SELECT citizen_id, row_number() OVER (ORDER BY citizen_id) AS n
        FROM (SELECT DISTINCT ${citizenCommunes.citizenId} AS citizen_id FROM ${citizenCommunes} WHERE ${audience})
      ) WHERE n % ${FANOUT_PAGE} = 0`);
    if (ends.length > 0) {
      await runOrEnqueuePages(queue, row.id, ends, options.inline === true, (p) => broadcastFanOut(env, db, row, p, { shared: options.shared }));
      await db.update(outbox).set({ fannedOutAt: now }).where(eq(outbox.id, row.id));
      return;
    }
    page = { after: 0, upTo: null };
  }
  const inPage = sql`${citizenCommunes.citizenId} > ${page.after}${page.upTo === null ? sql`` : sql` AND ${citizenCommunes.citizenId} <= ${page.upTo}`}`;
  const priority = priorityOf(row.kind as MessageKind);
  // A page taken from the queue sends its own deliveries: they are written already claimed (this attempt counted)
  // and sent by the same invocation, so a recipient costs no queue message and no separate claim.
  const sendHere = options.shared !== undefined;
  const created = await db.all<Claimed>(sql`
    INSERT INTO ${deliveries} (outbox_id, citizen_id, channel, status, attempts, priority, broadcast_id, next_attempt_at, created_at, updated_at)
    SELECT DISTINCT ${row.id}, ${citizenCommunes.citizenId}, 'miniapp', ${sendHere ? "sending" : "queued"}, ${sendHere ? 1 : 0}, ${priority},
           (SELECT ${broadcasts.id} FROM ${broadcasts} WHERE ${broadcasts.outboxId} = ${row.id}), ${now}, ${now}, ${now}
    FROM ${citizenCommunes} WHERE ${audience} AND ${inPage}
    ORDER BY ${citizenCommunes.citizenId}
    ON CONFLICT (outbox_id, citizen_id) DO NOTHING
    RETURNING id, outbox_id AS outboxId, citizen_id AS citizenId, attempts, channel, priority, broadcast_id AS broadcastId`);
  // A page run twice (a redelivered message) finds its rows already there: those not sent are sent again.
  const again =
    created.length > 0
      ? []
      : (
          await db.all<{ id: number }>(sql`
            SELECT ${deliveries.id} AS id FROM ${deliveries} WHERE ${deliveries.outboxId} = ${row.id}
              AND ${deliveries.status} IN ('queued', 'failed_temporary')
              AND ${deliveries.citizenId} > ${page.after}${page.upTo === null ? sql`` : sql` AND ${deliveries.citizenId} <= ${page.upTo}`}`)
        ).map((d) => d.id);
  if (options.shared) {
    const shared = options.shared;
    await eachConcurrently(groups(created, DELIVER_GROUP), BATCH_CONCURRENCY, (group) => deliverClaimed(env, db, group, nowMs, shared));
    await eachConcurrently(groups(again, DELIVER_GROUP), BATCH_CONCURRENCY, (ids) => deliver(env, db, ids, undefined, shared));
  } else await sendAll(queue, deliverMessages([...created.map((c) => c.id), ...again]));
  if (!row.fannedOutAt) await db.update(outbox).set({ fannedOutAt: now }).where(eq(outbox.id, row.id));
}

const groups = <T>(items: T[], size: number): T[][] => Array.from({ length: Math.ceil(items.length / size) }, (_, i) => items.slice(i * size, (i + 1) * size));

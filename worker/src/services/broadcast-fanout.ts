/**
 * The fan-out of a broadcast (an outbox row with an audience, written by broadcast-outbox): the distinct citizens who
 * chose one of the audience's communes, in pages by citizen id like a dossier's followers, never one queue message
 * per person. The first message cuts the audience into pages (one query) and enqueues them; each page writes its
 * delivery rows in one INSERT … SELECT (with the priority and the broadcast they count towards) and enqueues them in
 * groups. Alerts take the urgent queue all the way; a news post waits for its `not_before`.
 */
import { eq, sql } from "drizzle-orm";
import { type BroadcastAudience, broadcasts, citizenCommunes, deliveries, outbox } from "../db/schema";
import { priorityOf } from "../domain/delivery-priority";
import type { MessageKind } from "../domain/notifications";
import type { Db, Env } from "../env";
import { audienceCondition } from "./broadcast-outbox";
import { deliverMessages, FANOUT_PAGE, queueFor, runOrEnqueuePages, sendAll } from "./notify-queue";

export const isUrgentKind = (kind: string) => priorityOf(kind as MessageKind) === 0;

type OutboxRow = typeof outbox.$inferSelect;

export async function broadcastFanOut(
  env: Env,
  db: Db,
  row: OutboxRow,
  page?: { after: number; upTo: number | null },
  options: { inline?: boolean } = {},
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
      await runOrEnqueuePages(queue, row.id, ends, options.inline === true, (p) => broadcastFanOut(env, db, row, p));
      await db.update(outbox).set({ fannedOutAt: now }).where(eq(outbox.id, row.id));
      return;
    }
    page = { after: 0, upTo: null };
  }
  const inPage = sql`${citizenCommunes.citizenId} > ${page.after}${page.upTo === null ? sql`` : sql` AND ${citizenCommunes.citizenId} <= ${page.upTo}`}`;
  const priority = priorityOf(row.kind as MessageKind);
  const created = await db.all<{ id: number }>(sql`
    INSERT INTO ${deliveries} (outbox_id, citizen_id, channel, status, attempts, priority, broadcast_id, next_attempt_at, created_at, updated_at)
    SELECT DISTINCT ${row.id}, ${citizenCommunes.citizenId}, 'miniapp', 'queued', 0, ${priority},
           (SELECT ${broadcasts.id} FROM ${broadcasts} WHERE ${broadcasts.outboxId} = ${row.id}), ${now}, ${now}, ${now}
    FROM ${citizenCommunes} WHERE ${audience} AND ${inPage}
    ORDER BY ${citizenCommunes.citizenId}
    ON CONFLICT (outbox_id, citizen_id) DO NOTHING
    RETURNING id`);
  // A page run twice (a redelivered message) finds its rows already there: those still queued are sent again.
  const ids =
    created.length > 0
      ? created.map((c) => c.id)
      : (
          await db.all<{ id: number }>(sql`
            SELECT ${deliveries.id} AS id FROM ${deliveries} WHERE ${deliveries.outboxId} = ${row.id} AND ${deliveries.status} = 'queued'
              AND ${deliveries.citizenId} > ${page.after}${page.upTo === null ? sql`` : sql` AND ${deliveries.citizenId} <= ${page.upTo}`}`)
        ).map((d) => d.id);
  await sendAll(queue, deliverMessages(ids));
  if (!row.fannedOutAt) await db.update(outbox).set({ fannedOutAt: now }).where(eq(outbox.id, row.id));
}

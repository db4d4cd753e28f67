/**
 * Recording what became of claimed deliveries, in one db.batch: every row's outcome in one UPDATE … FROM a JSON
 * list (each row conditioned on still being claimed), the deferred rows that went out as digest lines, and the
 * broadcasts' counters. Temporary failures are
 * re-enqueued with a growing delay; after the last attempt a delivery is dead-lettered.
 */
import { and, eq, inArray, sql } from "drizzle-orm";
import type { BatchItem } from "drizzle-orm/batch";
import { batchSql } from "../db/batch-sql";
import { broadcasts, deliveries } from "../db/schema";
import type { Db, Env, NotifyMessage } from "../env";
import type { Claimed, Outcome } from "./notify-deliver";
import { deliverMessages, notifySettings, queueFor, retryDelaySeconds, sendAll } from "./notify-queue";

type Counters = { sentByZalo: number; inAppOnly: number; deferred: number; failed: number };
type OutcomeRow = {
  id: number;
  status: string;
  channel: string;
  error: string | null;
  reason: string | null;
  providerMessageId: string | null;
  sentAt: string | null;
  deadLetteredAt: string | null;
  nextAttemptAt: string;
  undo: 0 | 1;
};

export async function recordOutcomes(env: Env, db: Db, claimed: Claimed[], outcomes: Outcome[], nowMs: number) {
  const { maxAttempts, retryBaseSeconds } = notifySettings(env);
  const byId = new Map(claimed.map((c) => [c.id, c]));
  const nowIso = new Date(nowMs).toISOString();
  const retries = new Map<string, number[]>();
  const deadLetters: number[] = [];
  const counters = new Map<number, Counters>();
  const count = (broadcastId: number | null, field: keyof Counters) => {
    if (broadcastId === null) return;
    const c = counters.get(broadcastId) ?? { sentByZalo: 0, inAppOnly: 0, deferred: 0, failed: 0 };
    c[field] += 1;
    counters.set(broadcastId, c);
  };
  const statements: BatchItem<"sqlite">[] = [];
  const rows: OutcomeRow[] = [];
  const folded: { into: number; ids: number[] }[] = [];
  for (const o of outcomes) {
    const c = byId.get(o.id) as Claimed;
    const attempts = c.attempts;
    let status = o.status;
    let nextAttemptAt = nowIso;
    let deadLetteredAt: string | null = null;
    let error = o.error;
    if (status === "failed_temporary") {
      if (attempts >= maxAttempts) {
        status = "failed_permanent";
        deadLetteredAt = nowIso;
        error = `gave up after ${attempts} attempts; last: ${o.error}`;
        deadLetters.push(o.id);
      } else {
        const delay = retryDelaySeconds(attempts, retryBaseSeconds, o.retryAfterSeconds);
        nextAttemptAt = new Date(nowMs + delay * 1000).toISOString();
        const key = `${delay}|${c.priority === 0 ? 1 : 0}`;
        retries.set(key, [...(retries.get(key) ?? []), o.id]);
      }
    }
    if (status === "deferred") nextAttemptAt = new Date(o.until ?? nowMs).toISOString();
    if (status === "sent" || status === "folded") count(c.broadcastId, "sentByZalo");
    else if (status === "in_app") count(c.broadcastId, "inAppOnly");
    else if (status === "deferred") count(c.broadcastId, "deferred");
    else if (status === "failed_permanent") count(c.broadcastId, "failed");
    // Riders from this group are recorded as their own outcomes; the rest were deferred rows.
    const deferredFolds = (o.folded ?? []).filter((id) => !byId.has(id));
    if (deferredFolds.length > 0 && status === "sent") folded.push({ into: o.id, ids: deferredFolds });
    rows.push({
      id: o.id,
      status,
      channel: o.channel,
      error: error?.slice(0, 500) ?? null,
      reason: o.reason ?? null,
      providerMessageId: o.providerMessageId ?? null,
      sentAt: status === "sent" || status === "folded" ? nowIso : null,
      deadLetteredAt,
      nextAttemptAt,
      // Waiting for a window or a quota is not an attempt.
      undo: status === "deferred" || status === "in_app" || status === "folded" ? 1 : 0,
    });
  }
  // Every outcome of the group in one statement (conditioned, row by row, on still being claimed; the unary + keeps
  // SQLite on the primary key rather than walking every claimed row of the status index).
  statements.push(
    batchSql(
      db,
      sql`UPDATE ${deliveries} SET
        status = o.status, channel = o.channel, last_error = o.error, reason = o.reason,
        provider_message_id = o.provider_message_id, sent_at = o.sent_at, dead_lettered_at = o.dead_lettered_at,
        next_attempt_at = o.next_attempt_at, attempts = ${deliveries.attempts} - o.undo, updated_at = ${nowIso}
      FROM (SELECT json_extract(value, '$.id') AS id, json_extract(value, '$.status') AS status,
              json_extract(value, '$.channel') AS channel, json_extract(value, '$.error') AS error,
              json_extract(value, '$.reason') AS reason, json_extract(value, '$.providerMessageId') AS provider_message_id,
              json_extract(value, '$.sentAt') AS sent_at, json_extract(value, '$.deadLetteredAt') AS dead_lettered_at,
              json_extract(value, '$.nextAttemptAt') AS next_attempt_at, json_extract(value, '$.undo') AS undo
            FROM json_each(${JSON.stringify(rows)})) AS o
      WHERE ${deliveries.id} = o.id AND +${deliveries.status} = 'sending'`,
    ),
  );
  for (const f of folded) statements.push(...foldStatements(db, f.ids, f.into, nowIso));
  for (const [id, c] of counters) {
    statements.push(
      db
        .update(broadcasts)
        .set({
          sentByZalo: sql`${broadcasts.sentByZalo} + ${c.sentByZalo}`,
          inAppOnly: sql`${broadcasts.inAppOnly} + ${c.inAppOnly}`,
          deferred: sql`${broadcasts.deferred} + ${c.deferred}`,
          failed: sql`${broadcasts.failed} + ${c.failed}`,
          updatedAt: nowIso,
        })
        .where(eq(broadcasts.id, id)),
    );
  }
  await db.batch(statements as [BatchItem<"sqlite">, ...BatchItem<"sqlite">[]]);
  for (const [key, ids] of retries) {
    const [delay, urgent] = key.split("|").map(Number) as [number, number];
    await sendAll(queueFor(env, urgent === 1), deliverMessages(ids), delay);
  }
  if (deadLetters.length > 0) await sendAll(env.NOTIFY_DLQ, [{ type: "deliver", deliveryIds: deadLetters } satisfies NotifyMessage]);
}

/**
 * Deferred deliveries leaving `deferred` (folded into a digest, or re-queued by the sweeper), with their broadcasts'
 * counters moved in the same batch: the counter statement runs first, counting only rows still deferred.
 */
export function leaveDeferredStatements(db: Db, ids: number[], to: { status: "folded" | "queued"; reason?: string; sentAt?: string }, nowIso: string) {
  const still = and(inArray(deliveries.id, ids), eq(deliveries.status, "deferred"));
  const moving = sql`(SELECT count(*) FROM ${deliveries} WHERE ${still} AND ${deliveries.broadcastId} = "broadcasts"."id")`;
  return [
    db
      .update(broadcasts)
      .set({
        deferred: sql`${broadcasts.deferred} - ${moving}`,
        ...(to.status === "folded" ? { sentByZalo: sql`${broadcasts.sentByZalo} + ${moving}` } : {}),
        updatedAt: nowIso,
      })
      .where(sql`${broadcasts.id} IN (SELECT ${deliveries.broadcastId} FROM ${deliveries} WHERE ${still})`),
    db
      .update(deliveries)
      .set({ status: to.status, ...(to.reason ? { reason: to.reason } : {}), ...(to.sentAt ? { sentAt: to.sentAt } : {}), updatedAt: nowIso })
      .where(still)
      .returning({ id: deliveries.id, priority: deliveries.priority }),
  ] as const;
}

const foldStatements = (db: Db, ids: number[], into: number, nowIso: string) =>
  leaveDeferredStatements(db, ids, { status: "folded", reason: `digest:${into}`, sentAt: nowIso }, nowIso);

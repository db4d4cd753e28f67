/**
 * Recording what became of claimed deliveries, in one db.batch: each row's outcome (conditioned on still being
 * claimed), the deferred rows that went out as digest lines, and the broadcasts' counters. Temporary failures are
 * re-enqueued with a growing delay; after the last attempt a delivery is dead-lettered.
 */
import { and, eq, inArray, sql } from "drizzle-orm";
import type { BatchItem } from "drizzle-orm/batch";
import { broadcasts, deliveries } from "../db/schema";
import type { Db, Env, NotifyMessage } from "../env";
import type { Claimed, Outcome } from "./notify-deliver";
import { deliverMessages, notifySettings, queueFor, retryDelaySeconds, sendAll } from "./notify-queue";

type Counters = { sentByZalo: number; inAppOnly: number; deferred: number; failed: number };

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
    if (status === "sent") count(c.broadcastId, "sentByZalo");
    else if (status === "in_app") count(c.broadcastId, "inAppOnly");
    else if (status === "deferred") count(c.broadcastId, "deferred");
    else if (status === "failed_permanent") count(c.broadcastId, "failed");
    if (o.folded && o.folded.length > 0 && status === "sent") folded.push({ into: o.id, ids: o.folded });
    statements.push(
      db
        .update(deliveries)
        .set({
          status,
          channel: o.channel,
          lastError: error?.slice(0, 500) ?? null,
          reason: o.reason ?? null,
          providerMessageId: o.providerMessageId ?? null,
          sentAt: status === "sent" ? nowIso : null,
          deadLetteredAt,
          nextAttemptAt,
          // Waiting for a window or a quota is not an attempt.
          ...(status === "deferred" || status === "in_app" ? { attempts: sql`${deliveries.attempts} - 1` } : {}),
          updatedAt: nowIso,
        })
        .where(and(eq(deliveries.id, o.id), eq(deliveries.status, "sending"))),
    );
  }
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
  const moved = sql`(SELECT broadcast_id AS b, count(*) AS n FROM ${deliveries} WHERE ${still} AND broadcast_id IS NOT NULL GROUP BY broadcast_id)`;
  const reached = to.status === "folded" ? sql`, sent_by_zalo = sent_by_zalo + moved.n` : sql``;
  return [
    db.run(
      sql`UPDATE ${broadcasts} SET deferred = deferred - moved.n${reached}, updated_at = ${nowIso} FROM ${moved} AS moved WHERE ${broadcasts.id} = moved.b`,
    ),
    db
      .update(deliveries)
      .set({ status: to.status, ...(to.reason ? { reason: to.reason } : {}), ...(to.sentAt ? { sentAt: to.sentAt } : {}), updatedAt: nowIso })
      .where(still)
      .returning({ id: deliveries.id, priority: deliveries.priority }),
  ] as const;
}

const foldStatements = (db: Db, ids: number[], into: number, nowIso: string) =>
  leaveDeferredStatements(db, ids, { status: "folded", reason: `digest:${into}`, sentAt: nowIso }, nowIso);

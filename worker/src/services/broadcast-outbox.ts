/**
 * The one way a broadcast (an alert message or a news post) enters the notification pipeline: an outbox row whose
 * audience is communes (or every subscriber of the province), and the broadcast row whose counters the fan-out
 * fills in, written in the caller's db.batch with the change they tell about. `targeted` is counted as the batch
 * runs: the distinct citizens who chose one of the communes (any commune of the province, for news).
 */
import { eq, type SQL, sql } from "drizzle-orm";
import type { BatchItem } from "drizzle-orm/batch";
import { type BroadcastAudience, broadcasts, citizenCommunes, outbox } from "../db/schema";
import type { MessageKind, MessageParams } from "../domain/notifications";
import type { Db } from "../env";

export type Broadcast = {
  provinceId: string;
  kind: Extract<MessageKind, "alert" | "alert_update" | "alert_cancel" | "news">;
  /** The alert's CAP identifier or the news id: what the sender asks the counts by. */
  subject: string;
  params: MessageParams;
  audience: BroadcastAudience;
  createdAt: string;
  /** Not before this time (a news post scheduled for later). */
  notBefore?: string | null;
  /** Only if this holds as the batch runs (the change it tells about was applied). */
  when?: SQL;
};

/** Who a broadcast's audience is, as a condition on citizen_communes. */
export function audienceCondition(provinceId: string, audience: BroadcastAudience): SQL {
  const inProvince = sql`${citizenCommunes.provinceId} = ${provinceId}`;
  if ("subscribers" in audience) return inProvince;
  const codes = audience.communes.length > 0 ? audience.communes : [""];
  return sql`${inProvince} AND ${citizenCommunes.communeCode} IN (${sql.join(
    codes.map((c) => sql`${c}`),
    sql`, `,
  )})`;
}

export const broadcastDedupeKey = (b: Pick<Broadcast, "provinceId" | "kind" | "subject">) => `broadcast:${b.provinceId}:${b.kind}:${b.subject}`;

/**
 * The outbox row and the broadcast row, for the caller's db.batch; the first returns the new outbox id. Both are
 * INSERT … SELECT through the query builder (drizzle's D1 batch cannot carry a raw statement with parameters), every
 * column in table order.
 */
export function broadcastStatements(db: Db, b: Broadcast): [BatchItem<"sqlite">, BatchItem<"sqlite">] {
  const dedupeKey = broadcastDedupeKey(b);
  const when = b.when ?? sql`1`;
  const kind = b.kind === "news" ? "news" : "alert";
  const targeted = sql<number>`(SELECT count(DISTINCT ${citizenCommunes.citizenId}) FROM ${citizenCommunes} WHERE ${audienceCondition(b.provinceId, b.audience)})`;
  return [
    db
      .insert(outbox)
      .select(
        db
          .select({
            id: sql<number>`NULL`.as("id"),
            dedupeKey: sql<string>`${dedupeKey}`.as("dedupe_key"),
            provinceId: sql<string>`${b.provinceId}`.as("province_id"),
            dossierCode: sql<string>`${b.subject}`.as("dossier_code"),
            kind: sql<string>`${b.kind}`.as("kind"),
            params: sql<string>`${JSON.stringify(b.params)}`.as("params"),
            recipientCitizenId: sql<number>`NULL`.as("recipient_citizen_id"),
            createdAt: sql<string>`${b.createdAt}`.as("created_at"),
            fannedOutAt: sql<string>`NULL`.as("fanned_out_at"),
            audience: sql<string>`${JSON.stringify(b.audience)}`.as("audience"),
            notBefore: sql<string>`${b.notBefore ?? null}`.as("not_before"),
          })
          .from(sql`(SELECT 1)`)
          .where(when),
      )
      .onConflictDoNothing()
      .returning({ id: outbox.id }),
    db
      .insert(broadcasts)
      .select(
        db
          .select({
            id: sql<number>`NULL`.as("id"),
            provinceId: sql<string>`${b.provinceId}`.as("province_id"),
            kind: sql<string>`${kind}`.as("kind"),
            subject: sql<string>`${b.subject}`.as("subject"),
            outboxId: sql<number>`${outbox.id}`.as("outbox_id"),
            targeted: targeted.as("targeted"),
            sentByZalo: sql<number>`0`.as("sent_by_zalo"),
            inAppOnly: sql<number>`0`.as("in_app_only"),
            deferred: sql<number>`0`.as("deferred"),
            failed: sql<number>`0`.as("failed"),
            createdAt: sql<string>`${b.createdAt}`.as("created_at"),
            updatedAt: sql<string>`${b.createdAt}`.as("updated_at"),
          })
          .from(outbox)
          .where(eq(outbox.dedupeKey, dedupeKey)),
      )
      .onConflictDoNothing(),
  ];
}

/** The outbox id of a broadcast written by broadcastStatements (to dispatch after the batch). */
export async function broadcastOutboxId(db: Db, b: Pick<Broadcast, "provinceId" | "kind" | "subject">): Promise<number | null> {
  const [row] = await db.all<{ id: number }>(sql`SELECT ${outbox.id} AS id FROM ${outbox} WHERE ${outbox.dedupeKey} = ${broadcastDedupeKey(b)}`);
  return row?.id ?? null;
}

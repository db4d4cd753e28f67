/**
 * The one way a broadcast (an alert message or a news post) enters the notification pipeline: an outbox row whose
 * audience is communes (or every subscriber of the province), and the broadcast row whose counters the fan-out
 * fills in, written in the caller's db.batch with the change they tell about. `targeted` is counted as the batch
 * runs: the distinct citizens who chose one of the communes (any commune of the province, for news).
 */
import { type SQL, sql } from "drizzle-orm";
import type { BatchItem } from "drizzle-orm/batch";
import { batchSql } from "../db/batch-sql";
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

/** The outbox row and the broadcast row, for the caller's db.batch; the first returns the new outbox id. */
export function broadcastStatements(db: Db, b: Broadcast): [BatchItem<"sqlite">, BatchItem<"sqlite">] {
  const dedupeKey = broadcastDedupeKey(b);
  const when = b.when ?? sql`1`;
  const kind = b.kind === "news" ? "news" : "alert";
  return [
    batchSql(
      db,
      sql`
      INSERT INTO ${outbox} (dedupe_key, province_id, dossier_code, kind, params, recipient_citizen_id, created_at, audience, not_before)
      SELECT ${dedupeKey}, ${b.provinceId}, ${b.subject}, ${b.kind}, ${JSON.stringify(b.params)}, NULL, ${b.createdAt},
             ${JSON.stringify(b.audience)}, ${b.notBefore ?? null}
      WHERE ${when}
      ON CONFLICT (dedupe_key) DO NOTHING`,
    ),
    batchSql(
      db,
      sql`
      INSERT INTO ${broadcasts} (province_id, kind, subject, outbox_id, targeted, created_at, updated_at)
      SELECT ${b.provinceId}, ${kind}, ${b.subject}, ${outbox.id},
             (SELECT count(DISTINCT ${citizenCommunes.citizenId}) FROM ${citizenCommunes} WHERE ${audienceCondition(b.provinceId, b.audience)}),
             ${b.createdAt}, ${b.createdAt}
      FROM ${outbox} WHERE ${outbox.dedupeKey} = ${dedupeKey}
      ON CONFLICT DO NOTHING`,
    ),
  ];
}

/** The outbox id of a broadcast written by broadcastStatements (to dispatch after the batch). */
export async function broadcastOutboxId(db: Db, b: Pick<Broadcast, "provinceId" | "kind" | "subject">): Promise<number | null> {
  const [row] = await db.all<{ id: number }>(sql`SELECT ${outbox.id} AS id FROM ${outbox} WHERE ${outbox.dedupeKey} = ${broadcastDedupeKey(b)}`);
  return row?.id ?? null;
}

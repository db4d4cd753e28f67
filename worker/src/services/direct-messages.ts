/**
 * Messages for one person rather than every follower of a dossier: an answer to a citizen's question, their
 * feedback's progress, a question for an officer. They go through the same outbox, queue and delivery rows as
 * dossier messages (services/notify), written in the same db.batch as the change they tell about. Conditioned
 * on that change (`when`), a refused change writes no message. (INSERT … SELECT lists every column of the
 * outbox in table order, as drizzle writes them all.)
 */
import { is, SQL, sql } from "drizzle-orm";
import { officers, outbox, staffLinks } from "../db/schema";
import type { MessageKind, MessageParams } from "../domain/notifications";
import type { Db } from "../env";

export type DirectMessage = {
  dedupeKey: string | SQL;
  provinceId: string;
  /** The dossier code, or the feedback's reference. SQL when it is only known as the batch runs (a new row's id). */
  subject: string | SQL;
  kind: MessageKind;
  params: MessageParams | SQL;
  createdAt: string;
};

const paramsSql = (params: MessageParams | SQL) => (is(params, SQL) ? params : sql`${JSON.stringify(params)}`);

/** Every outbox column, in table order, for one message to `recipient` (a citizen id); `dedupeKey` as stored. */
function outboxRow(m: DirectMessage, dedupeKey: SQL, recipient: number | SQL) {
  return {
    id: sql<number>`NULL`.as("id"),
    dedupeKey: sql<string>`${dedupeKey}`.as("dedupe_key"),
    provinceId: sql<string>`${m.provinceId}`.as("province_id"),
    dossierCode: sql<string>`${m.subject}`.as("dossier_code"),
    kind: sql<string>`${m.kind}`.as("kind"),
    params: sql<string>`${paramsSql(m.params)}`.as("params"),
    recipientCitizenId: sql<number>`${recipient}`.as("recipient_citizen_id"),
    createdAt: sql<string>`${m.createdAt}`.as("created_at"),
    fannedOutAt: sql<string>`NULL`.as("fanned_out_at"),
    audience: sql<string>`NULL`.as("audience"),
    notBefore: sql<string>`NULL`.as("not_before"),
  };
}

/** To a citizen (by our id), if `when` holds as the batch runs. */
export function messageCitizen(db: Db, m: DirectMessage, citizenId: number | SQL, when: SQL = sql`1`) {
  return db
    .insert(outbox)
    .select(
      db
        .select(outboxRow(m, sql`${m.dedupeKey}`, citizenId))
        .from(sql`(SELECT 1)`)
        .where(when),
    )
    .onConflictDoNothing()
    .returning({ id: outbox.id });
}

/**
 * To the Zalo account linked to each of the given officers (an officer without a linked account sees the item in
 * the staff area only). One row per officer: the dedupe key gets the officer id.
 */
export function messageOfficers(db: Db, m: DirectMessage, provinceId: string, officerIds: SQL, when: SQL = sql`1`) {
  return db
    .insert(outbox)
    .select(
      db
        .select(outboxRow(m, sql`${m.dedupeKey} || ':' || ${staffLinks.officerId}`, sql`${staffLinks.citizenId}`))
        .from(staffLinks)
        .where(sql`${staffLinks.provinceId} = ${provinceId} AND ${staffLinks.officerId} IN ${officerIds} AND ${when}`),
    )
    .onConflictDoNothing()
    .returning({ id: outbox.id });
}

/**
 * A question for the staff who handle it: the officer it is with; with none, the department's heads; with no
 * department either, the province admins. The message quotes the question's start.
 */
export function messageQuestionHandlers(
  db: Db,
  q: {
    dedupeKey: string | SQL;
    provinceId: string;
    dossierCode: string;
    text: string;
    officerId: string | null;
    departmentId: string | null;
    createdAt: string;
  },
  when?: SQL,
) {
  const recipients = q.officerId
    ? sql`(${q.officerId})`
    : q.departmentId
      ? sql`(SELECT ${officers.id} FROM ${officers} WHERE ${officers.provinceId} = ${q.provinceId} AND ${officers.departmentId} = ${q.departmentId} AND ${officers.role} = 'department_head')`
      : sql`(SELECT ${officers.id} FROM ${officers} WHERE ${officers.provinceId} = ${q.provinceId} AND ${officers.role} = 'province_admin')`;
  const excerpt = q.text.length > 120 ? `${q.text.slice(0, 117)}…` : q.text;
  return messageOfficers(
    db,
    {
      dedupeKey: q.dedupeKey,
      provinceId: q.provinceId,
      subject: q.dossierCode,
      kind: "staff_question",
      params: { code: q.dossierCode, excerpt },
      createdAt: q.createdAt,
    },
    q.provinceId,
    recipients,
    when,
  );
}

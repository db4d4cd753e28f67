/**
 * Reminders of officials' notices, run by the 5-minute sweeper: a document's from 08:00 on the working day before its
 * deadline to recipients who have not acknowledged it, a meeting's an hour before it starts to recipients who did
 * not answer absent (domain/staff-notices: reminderAt, reminderDue; `remind_at` is stored with the notice). One
 * db.batch: a conditional UPDATE … RETURNING claims the recipients (`reminded_at` set once), then their messages
 * are written for exactly the rows this run claimed; a dedupe key per recipient and reminder time makes a second
 * run, even one with the same clock, write nothing.
 */
import { sql } from "drizzle-orm";
import { prepareSql } from "../db/compiled";
import { outbox, staffLinks, staffNoticeRecipients, staffNotices } from "../db/schema";
import { isDaytimeInVietnam } from "./notify-cron";

export async function remindStaffNotices(d1: D1Database, nowMs: number): Promise<number[]> {
  const now = new Date(nowMs).toISOString();
  const r = staffNoticeRecipients;
  const n = staffNotices;
  // Documents wait for the daytime (their reminder is from 08:00); a meeting's hour before is when it is.
  const documents = isDaytimeInVietnam(nowMs) ? sql`1` : sql`0`;
  const due = sql`${r.remindedAt} IS NULL AND EXISTS (
      SELECT 1 FROM ${n} WHERE ${n.provinceId} = ${r.provinceId} AND ${n.id} = ${r.noticeId}
        AND ${n.cancelled} = 0 AND ${n.remindAt} IS NOT NULL AND ${n.remindAt} <= ${now} AND ${r.createdAt} < ${n.remindAt}
        AND (
             (${n.kind} = 'meeting' AND ${n.startsAt} > ${now} AND (${r.answer} IS NULL OR ${r.answer} <> 'absent'))
          OR (${n.kind} <> 'meeting' AND ${documents} AND ${n.deadline} > ${now} AND ${r.acknowledgedAt} IS NULL)))`;
  const [, messages] = await d1.batch<{ id: number }>([
    prepareSql(d1, sql`UPDATE ${r} SET reminded_at = ${now} WHERE ${due} RETURNING notice_id`),
    prepareSql(
      d1,
      sql`
      INSERT INTO ${outbox} (dedupe_key, province_id, dossier_code, kind, params, recipient_citizen_id, created_at)
      SELECT 'staff_reminder:' || ${r.provinceId} || ':' || ${r.noticeId} || ':' || ${n.remindAt} || ':' || ${r.officerId},
             ${r.provinceId}, ${r.noticeId}, 'staff_reminder',
             json_object('code', ${n.id}, 'noticeId', ${n.id}, 'noticeKind', ${n.kind}, 'title', ${n.title},
                         'documentNumber', ${n.documentNumber}, 'issuer', ${n.issuer}, 'deadline', ${n.deadline},
                         'startsAt', ${n.startsAt}, 'endsAt', ${n.endsAt}, 'venue', ${n.place}, 'onlineLink', ${n.onlineLink}),
             ${staffLinks.citizenId}, ${now}
      FROM ${r}
      JOIN ${n} ON ${n.provinceId} = ${r.provinceId} AND ${n.id} = ${r.noticeId}
      JOIN ${staffLinks} ON ${staffLinks.provinceId} = ${r.provinceId} AND ${staffLinks.officerId} = ${r.officerId}
      WHERE ${r.remindedAt} = ${now}
      ON CONFLICT (dedupe_key) DO NOTHING
      RETURNING id`,
    ),
  ]);
  return messages!.results.map((m) => m.id);
}

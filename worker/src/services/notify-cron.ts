import { sql } from "drizzle-orm";
import { agencies, dossiers, feedback, follows, officers, outbox, procedures, questions, staffLinks } from "../db/schema";
import { vnDayNumber } from "../domain/time";
import { REOPEN_WINDOW_MS } from "../domain/voice";
import { prepareSql } from "../db/compiled";
import type { Db } from "../env";

const DAY_MS = 24 * 60 * 60 * 1000;
const VN_OFFSET_MS = 7 * 60 * 60 * 1000;
/** Nobody is messaged at night: reminders and overdue notices wait for 07:00 in Asia/Ho_Chi_Minh. */
const FIRST_HOUR = 7;
const LAST_HOUR = 20;

/** UTC instant at which a day (days since the epoch, Asia/Ho_Chi_Minh) starts. */
const vnDayStart = (day: number) => new Date(day * DAY_MS - VN_OFFSET_MS).toISOString();

export function isDaytimeInVietnam(nowMs: number): boolean {
  const hour = new Date(nowMs + VN_OFFSET_MS).getUTCHours();
  return hour >= FIRST_HOUR && hour < LAST_HOUR;
}

/**
 * Hourly, in the daytime: a reminder to followers of dossiers whose supplement deadline is tomorrow, and a notice
 * (with the apology) to followers of dossiers whose due day has passed while still open. Each is one INSERT …
 * SELECT into the outbox whose dedupe key (code and deadline, or code and due date) makes it happen once; a new
 * deadline or due date makes a new one. Returns the new outbox ids to dispatch.
 */
export async function planScheduledMessages(db: Db, nowMs: number): Promise<number[]> {
  if (!isDaytimeInVietnam(nowMs)) return [];
  const today = vnDayNumber(new Date(nowMs));
  const createdAt = new Date(nowMs).toISOString();
  const followed = sql`${dossiers.code} IN (SELECT ${follows.dossierCode} FROM ${follows})`;
  // What every dossier message says besides its news: the procedure's short name and the desk (see withContext).
  const procedure = sql`(SELECT coalesce(${procedures.shortName}, ${procedures.name}) FROM ${procedures}
      WHERE ${procedures.provinceId} = ${dossiers.provinceId} AND ${procedures.code} = ${dossiers.procedureCode})`;
  const place = sql`(SELECT json_object('name', ${agencies.name}, 'address', ${agencies.address}, 'phone', ${agencies.phone})
      FROM ${agencies} WHERE ${agencies.id} = ${dossiers.agencyId})`;
  const reminders = await db.all<{ id: number }>(sql`
      INSERT INTO ${outbox} (dedupe_key, province_id, dossier_code, kind, params, created_at)
      SELECT 'reminder:' || ${dossiers.code} || ':' || ${dossiers.supplementDeadline}, ${dossiers.provinceId}, ${dossiers.code},
             'supplement_reminder',
             json_object('code', ${dossiers.code}, 'deadline', ${dossiers.supplementDeadline},
                         'documents', json(coalesce(${dossiers.missingDocuments}, '[]')),
                         'procedure', ${procedure}, 'place', json(${place})),
             ${createdAt}
      FROM ${dossiers}
      WHERE ${dossiers.status} = 5 AND ${dossiers.supplementDeadline} >= ${vnDayStart(today + 1)}
        AND ${dossiers.supplementDeadline} < ${vnDayStart(today + 2)} AND ${followed}
      ON CONFLICT (dedupe_key) DO NOTHING
      RETURNING id`);
  const overdue = await db.all<{ id: number }>(sql`
      INSERT INTO ${outbox} (dedupe_key, province_id, dossier_code, kind, params, created_at)
      SELECT 'overdue:' || ${dossiers.code} || ':' || ${dossiers.dueAt}, ${dossiers.provinceId}, ${dossiers.code}, 'overdue',
             json_object('code', ${dossiers.code}, 'dueAt', ${dossiers.dueAt}, 'procedure', ${procedure}, 'place', json(${place})), ${createdAt}
      FROM ${dossiers}
      WHERE ${dossiers.status} NOT IN (3, 7, 8, 9, 10) AND ${dossiers.dueAt} < ${vnDayStart(today)} AND ${followed}
      ON CONFLICT (dedupe_key) DO NOTHING
      RETURNING id`);
  return [...reminders, ...overdue].map((r) => r.id);
}

/**
 * Questions unanswered after two working days go to the department head (to the province admins when the
 * question has no department): a message to each one's linked Zalo account and the mark the staff inbox shows,
 * in one db.batch.
 */
export async function escalateQuestions(d1: D1Database, nowMs: number): Promise<number[]> {
  const now = new Date(nowMs).toISOString();
  const due = sql`${questions.status} = 'open' AND ${questions.escalatedAt} IS NULL AND ${questions.escalateAt} <= ${now}`;
  const [messages] = await d1.batch<{ id: number }>([
    prepareSql(
      d1,
      sql`
      INSERT INTO ${outbox} (dedupe_key, province_id, dossier_code, kind, params, recipient_citizen_id, created_at)
      SELECT 'escalated:' || ${questions.id} || ':' || ${officers.id}, ${questions.provinceId}, ${questions.dossierCode},
             'staff_question_escalated', json_object('code', ${questions.dossierCode}), ${staffLinks.citizenId}, ${now}
      FROM ${questions}
      JOIN ${officers} ON ${officers.provinceId} = ${questions.provinceId} AND (
             (${questions.departmentId} IS NOT NULL AND ${officers.departmentId} = ${questions.departmentId} AND ${officers.role} = 'department_head')
          OR (${questions.departmentId} IS NULL AND ${officers.role} = 'province_admin'))
      JOIN ${staffLinks} ON ${staffLinks.provinceId} = ${officers.provinceId} AND ${staffLinks.officerId} = ${officers.id}
      WHERE ${due}
      ON CONFLICT (dedupe_key) DO NOTHING
      RETURNING id`,
    ),
    prepareSql(d1, sql`UPDATE ${questions} SET escalated_at = ${now}, updated_at = ${now} WHERE ${due}`),
  ]);
  return messages!.results.map((m) => m.id);
}

/**
 * Answered feedback the citizen neither closed nor reopened within 7 days closes by itself, and they are told: the
 * message and the close in one db.batch, so a reopening cannot slip in between them.
 */
export async function closeAnsweredFeedback(d1: D1Database, nowMs: number): Promise<number[]> {
  const now = new Date(nowMs).toISOString();
  const due = sql`${feedback.status} = 'answered' AND ${feedback.answeredAt} <= ${new Date(nowMs - REOPEN_WINDOW_MS).toISOString()}`;
  const entry = JSON.stringify({ status: "closed", at: now, note: "Tự động kết thúc sau 7 ngày kể từ khi có trả lời" });
  const [messages] = await d1.batch<{ id: number }>([
    prepareSql(
      d1,
      sql`
      INSERT INTO ${outbox} (dedupe_key, province_id, dossier_code, kind, params, recipient_citizen_id, created_at)
      SELECT 'feedback_closed:' || ${feedback.id} || ':' || ${feedback.answeredAt}, ${feedback.provinceId}, printf('PA-%06d', ${feedback.id}),
             'feedback_closed', json_object('code', printf('PA-%06d', ${feedback.id}), 'feedbackId', ${feedback.id}), ${feedback.citizenId}, ${now}
      FROM ${feedback} WHERE ${due}
      ON CONFLICT (dedupe_key) DO NOTHING
      RETURNING id`,
    ),
    prepareSql(
      d1,
      sql`
      UPDATE ${feedback} SET status = 'closed', closed_at = ${now}, updated_at = ${now},
             history = json_insert(history, '$[#]', json(${entry}))
      WHERE ${due}`,
    ),
  ]);
  return messages!.results.map((m) => m.id);
}

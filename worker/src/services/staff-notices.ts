/**
 * Officials' notices from the province's document and scheduling systems: received (idempotent by the sender's
 * id), fanned out to the recipients' linked Zalo accounts, read back with who acknowledged and answered. Each PUT
 * is one db.batch: the notice, its new recipients and their outbox rows, every statement after the first
 * conditioned on the notice being as this request wrote it, so a request overtaken by another writes nothing.
 */
import { and, eq, inArray, or, type SQL, sql } from "drizzle-orm";
import { departments, officers, staffLinks, staffNoticeRecipients, staffNotices } from "../db/schema";
import type { MessageKind } from "../domain/notifications";
import type { StaffNoticeParams } from "../domain/staff-notice-messages";
import { meetingChange, reminderAt } from "../domain/staff-notices";
import { toUtcIso } from "../domain/time";
import type { Db } from "../env";
import { ApiError } from "../errors";
import type { StaffNoticeInput } from "../schemas/staff-notices";
import { messageOfficers } from "./direct-messages";

type NoticeRow = typeof staffNotices.$inferSelect;
type Client = { provinceId: string; keyId: string };

const FIRST_MESSAGE: Record<NoticeRow["kind"], MessageKind> = {
  document_to_process: "staff_document",
  document_to_approve: "staff_approval",
  meeting: "staff_meeting",
};

const utc = (instant: string | undefined) => (instant === undefined ? null : toUtcIso(instant));
const unique = (values: readonly string[] | undefined) => [...new Set(values ?? [])].sort();

/** The notice as stored, from the request: times in UTC, absent fields null, recipients sorted. */
function storedFields(input: StaffNoticeInput) {
  const recipientRequest = {
    ...(input.recipients.officerIds?.length ? { officerIds: unique(input.recipients.officerIds) } : {}),
    ...(input.recipients.departmentIds?.length ? { departmentIds: unique(input.recipients.departmentIds) } : {}),
    ...(input.recipients.roles?.length ? { roles: unique(input.recipients.roles) } : {}),
  };
  const fields = {
    kind: input.kind,
    title: input.title,
    summary: input.summary ?? null,
    documentNumber: input.documentNumber ?? null,
    issuer: input.issuer ?? null,
    deadline: utc(input.deadline),
    startsAt: utc(input.startsAt),
    endsAt: utc(input.endsAt),
    place: input.place ?? null,
    onlineLink: input.onlineLink ?? null,
    agenda: input.agenda ?? null,
    chair: input.chair ?? null,
    link: input.link ?? null,
    cancelled: input.cancelled === true,
    recipientRequest,
  };
  return { ...fields, remindAt: reminderAt(fields) };
}

async function contentHash(fields: ReturnType<typeof storedFields>): Promise<string> {
  const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(JSON.stringify(fields)));
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, "0")).join("");
}

/** The params every message of this notice carries, fixed when it is decided. */
export function noticeParams(
  n: Pick<NoticeRow, "id" | "kind" | "title" | "documentNumber" | "issuer" | "deadline" | "startsAt" | "endsAt" | "place" | "onlineLink" | "cancelled">,
) {
  const params: StaffNoticeParams & { code: string; title: string; deadline?: string } = {
    code: n.id,
    noticeId: n.id,
    noticeKind: n.kind,
    title: n.title,
    documentNumber: n.documentNumber,
    issuer: n.issuer,
    ...(n.deadline ? { deadline: n.deadline } : {}),
    startsAt: n.startsAt,
    endsAt: n.endsAt,
    venue: n.place,
    onlineLink: n.onlineLink,
    cancelled: n.cancelled,
  };
  return params;
}

/**
 * The officers a request names, within the client's province: by id, by department, by role. An id or a
 * department that is not the province's (unknown, or another province's) is refused with the field named.
 */
async function resolveRecipients(db: Db, provinceId: string, r: StaffNoticeInput["recipients"]): Promise<string[]> {
  const officerIds = unique(r.officerIds);
  const departmentIds = unique(r.departmentIds);
  const roles = unique(r.roles);
  const byGroup: SQL[] = [];
  if (departmentIds.length) byGroup.push(inArray(officers.departmentId, departmentIds));
  if (roles.length) byGroup.push(inArray(officers.role, roles as (typeof officers.role._.data)[]));
  const [named, knownDepartments, grouped] = await db.batch([
    db
      .select({ id: officers.id })
      .from(officers)
      .where(and(eq(officers.provinceId, provinceId), inArray(officers.id, officerIds.length ? officerIds : [""]))),
    db
      .select({ id: departments.id })
      .from(departments)
      .where(and(eq(departments.provinceId, provinceId), inArray(departments.id, departmentIds.length ? departmentIds : [""]))),
    db
      .select({ id: officers.id })
      .from(officers)
      .where(and(eq(officers.provinceId, provinceId), byGroup.length ? or(...byGroup) : sql`0`)),
  ]);
  const outside = (field: string, list: readonly string[] | undefined, known: Set<string>, what: string) => {
    const i = (list ?? []).findIndex((id) => !known.has(id.trim()));
    if (i >= 0) {
      throw new ApiError(403, "recipient_outside_province", `${what} ${list![i]} is not one of your province's: PUT it first`, `recipients.${field}.${i}`);
    }
  };
  outside("officerIds", r.officerIds, new Set(named.map((o) => o.id)), "officer");
  outside("departmentIds", r.departmentIds, new Set(knownDepartments.map((d) => d.id)), "department");
  return unique([...officerIds, ...grouped.map((o) => o.id)]);
}

async function linkedAccounts(db: Db, provinceId: string, officerIds: string[]): Promise<Map<string, number>> {
  if (officerIds.length === 0) return new Map();
  const rows = await db
    .select({ officerId: staffLinks.officerId, citizenId: staffLinks.citizenId })
    .from(staffLinks)
    .where(and(eq(staffLinks.provinceId, provinceId), inArray(staffLinks.officerId, officerIds)));
  return new Map(rows.map((r) => [r.officerId, r.citizenId]));
}

export type PutNoticeResult = {
  id: string;
  kind: NoticeRow["kind"];
  outcome: "created" | "updated" | "duplicate";
  recipients: string[];
  unreachable: string[];
  outboxIds: number[];
};

const sqlList = (ids: string[]) =>
  sql`(${sql.join(
    ids.map((id) => sql`${id}`),
    sql`, `,
  )})`;

export async function putStaffNotice(db: Db, client: Client, noticeId: string, input: StaffNoticeInput, now: Date): Promise<PutNoticeResult> {
  const { provinceId } = client;
  const fields = storedFields(input);
  const hash = await contentHash(fields);
  const at = now.toISOString();
  const key = and(eq(staffNotices.provinceId, provinceId), eq(staffNotices.id, noticeId));
  const [existing] = await db.select().from(staffNotices).where(key).limit(1);
  const stored = existing
    ? (
        await db
          .select({ officerId: staffNoticeRecipients.officerId })
          .from(staffNoticeRecipients)
          .where(and(eq(staffNoticeRecipients.provinceId, provinceId), eq(staffNoticeRecipients.noticeId, noticeId)))
      ).map((r) => r.officerId)
    : [];
  const answer = async (outcome: PutNoticeResult["outcome"], recipients: string[], outboxIds: number[]) => {
    const links = await linkedAccounts(db, provinceId, recipients);
    return { id: noticeId, kind: fields.kind, outcome, recipients, unreachable: recipients.filter((o) => !links.has(o)), outboxIds };
  };
  if (existing && existing.contentHash === hash) return answer("duplicate", stored, []);
  if (existing && existing.kind !== fields.kind) {
    throw new ApiError(409, "kind_changed", `notice ${noticeId} is a ${existing.kind}: a notice's kind cannot change; use a new id`, "kind");
  }
  const resolved = await resolveRecipients(db, provinceId, input.recipients);
  if (resolved.length === 0) throw new ApiError(422, "no_recipients", "the departments and roles named have no officers in your province", "recipients");
  const added = resolved.filter((o) => !stored.includes(o));
  const all = unique([...stored, ...added]);
  const links = await linkedAccounts(db, provinceId, added);

  // Everything after the notice's own write happens only if that write is the one this request made.
  const written = sql`EXISTS (SELECT 1 FROM ${staffNotices} WHERE ${staffNotices.provinceId} = ${provinceId} AND ${staffNotices.id} = ${noticeId}
      AND ${staffNotices.contentHash} = ${hash} AND ${staffNotices.updatedAt} = ${at})`;
  const change = existing ? meetingChange(existing, fields) : null;
  const version = (existing?.version ?? 0) + (existing ? (change ? 1 : 0) : 1);
  const row = { ...fields, provinceId, id: noticeId, clientId: client.keyId, contentHash: hash, version, updatedAt: at };
  const noticeWrite = existing
    ? db
        .update(staffNotices)
        .set({ ...row, ...(change ? { changedAt: at } : {}) })
        .where(and(key, eq(staffNotices.contentHash, existing.contentHash)))
        .returning({ id: staffNotices.id })
    : db
        .insert(staffNotices)
        .values({ ...row, createdAt: at })
        .onConflictDoNothing()
        .returning({ id: staffNotices.id });
  const recipientRows = added.map((officerId) => ({ officerId, citizenId: links.get(officerId) ?? null }));
  const params = noticeParams({ ...fields, id: noticeId });
  const message = (kind: MessageKind, dedupeKey: string) => ({ dedupeKey, provinceId, subject: noticeId, kind, params, createdAt: at });
  const statements = [
    noticeWrite,
    // A new deadline or start makes a new reminder.
    ...(existing && existing.remindAt !== fields.remindAt
      ? [
          db
            .update(staffNoticeRecipients)
            .set({ remindedAt: null })
            .where(and(eq(staffNoticeRecipients.provinceId, provinceId), eq(staffNoticeRecipients.noticeId, noticeId), written)),
        ]
      : []),
    ...(added.length
      ? [
          db
            .insert(staffNoticeRecipients)
            .select(
              db
                .select({
                  provinceId: sql<string>`${provinceId}`.as("province_id"),
                  noticeId: sql<string>`${noticeId}`.as("notice_id"),
                  officerId: sql<string>`value ->> 'officerId'`.as("officer_id"),
                  citizenId: sql<number | null>`value ->> 'citizenId'`.as("citizen_id"),
                  acknowledgedAt: sql<null>`NULL`.as("acknowledged_at"),
                  answer: sql<null>`NULL`.as("answer"),
                  reason: sql<null>`NULL`.as("reason"),
                  answeredAt: sql<null>`NULL`.as("answered_at"),
                  remindedAt: sql<null>`NULL`.as("reminded_at"),
                  createdAt: sql<string>`${at}`.as("created_at"),
                })
                .from(sql`json_each(${JSON.stringify(recipientRows)})`)
                .where(written),
            )
            .onConflictDoNothing(),
        ]
      : []),
    ...(added.length && !fields.cancelled
      ? [messageOfficers(db, message(FIRST_MESSAGE[fields.kind], `staff_notice:${provinceId}:${noticeId}`), provinceId, sqlList(added), written)]
      : []),
    ...(change && stored.length
      ? [
          messageOfficers(
            db,
            message("staff_meeting_changed", `staff_notice_changed:${provinceId}:${noticeId}:${version}`),
            provinceId,
            sqlList(stored),
            written,
          ),
        ]
      : []),
  ];
  const results = (await db.batch(statements as never)) as unknown[];
  if ((results[0] as unknown[]).length === 0) {
    throw new ApiError(409, "conflict", `notice ${noticeId} was changed by another request while this one was applied: send it again`);
  }
  // The outbox statements return the ids of the messages they wrote (none when a dedupe key was taken).
  const outboxIds = results.slice(1).flatMap((r) => (Array.isArray(r) ? (r as { id: number }[]).map((m) => m.id) : []));
  return answer(existing ? "updated" : "created", all, outboxIds);
}

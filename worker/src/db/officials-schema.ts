import { index, integer, primaryKey, sqliteTable, text } from "drizzle-orm/sqlite-core";

/** What the province's document and scheduling systems tell officials about. */
export const STAFF_NOTICE_KINDS = ["document_to_process", "document_to_approve", "meeting"] as const;
export type StaffNoticeKind = (typeof STAFF_NOTICE_KINDS)[number];

export const MEETING_ANSWERS = ["attend", "absent"] as const;
export type MeetingAnswer = (typeof MEETING_ANSWERS)[number];

/**
 * A notice for officials, keyed by the sender's own id within the province: the same PUT again is a duplicate
 * (`contentHash` is what was last received), a meeting moved or cancelled raises `version` and sets `changedAt`.
 * `remindAt` is when its reminder is due (domain/staff-notices), fixed when the notice is written.
 */
export const staffNotices = sqliteTable(
  "staff_notices",
  {
    provinceId: text("province_id").notNull(),
    id: text("id").notNull(),
    /** The integration key that sent it last. */
    clientId: text("client_id").notNull(),
    kind: text("kind").$type<StaffNoticeKind>().notNull(),
    title: text("title").notNull(),
    summary: text("summary"),
    /** Số và ký hiệu, e.g. 125/QĐ-UBND. */
    documentNumber: text("document_number"),
    issuer: text("issuer"),
    deadline: text("deadline"),
    startsAt: text("starts_at"),
    endsAt: text("ends_at"),
    place: text("place"),
    onlineLink: text("online_link"),
    agenda: text("agenda"),
    chair: text("chair"),
    /** https, into the document system. */
    link: text("link"),
    cancelled: integer("cancelled", { mode: "boolean" }).notNull().default(false),
    /** The recipients as the sender named them, kept to read the notice back. */
    recipientRequest: text("recipient_request", { mode: "json" }).$type<StaffNoticeRecipientRequest>().notNull(),
    contentHash: text("content_hash").notNull(),
    /** 1, then one more each time a meeting is moved or cancelled (what recipients are told again). */
    version: integer("version").notNull().default(1),
    remindAt: text("remind_at"),
    createdAt: text("created_at").notNull(),
    updatedAt: text("updated_at").notNull(),
    /** When the meeting was last moved or cancelled; null while it stands as first sent. */
    changedAt: text("changed_at"),
  },
  (t) => [primaryKey({ columns: [t.provinceId, t.id] }), index("staff_notices_remind_idx").on(t.remindAt)],
);

export type StaffNoticeRecipientRequest = { officerIds?: string[]; departmentIds?: string[]; roles?: string[] };

/**
 * Who a notice is for, one row per officer, added and never removed (an officer told of a meeting is told of its
 * change). `citizenId` is the Zalo account linked when it was sent (null: not linked, not reachable then); the
 * officer sees it in the staff area whenever they link.
 */
export const staffNoticeRecipients = sqliteTable(
  "staff_notice_recipients",
  {
    provinceId: text("province_id").notNull(),
    noticeId: text("notice_id").notNull(),
    officerId: text("officer_id").notNull(),
    citizenId: integer("citizen_id"),
    acknowledgedAt: text("acknowledged_at"),
    answer: text("answer").$type<MeetingAnswer>(),
    reason: text("reason"),
    answeredAt: text("answered_at"),
    remindedAt: text("reminded_at"),
    createdAt: text("created_at").notNull(),
  },
  (t) => [primaryKey({ columns: [t.provinceId, t.noticeId, t.officerId] }), index("staff_notice_recipients_officer_idx").on(t.provinceId, t.officerId)],
);

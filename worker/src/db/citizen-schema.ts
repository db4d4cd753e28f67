import { index, integer, primaryKey, real, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";

import { timestamps } from "./columns";
import { provinces } from "./tenant-schema";

/**
 * A citizen as Zalo identified them: the id Zalo's Graph API returned for the province's app, never one the
 * client sent. The phone number, only when they agreed to ZNS messages, is stored encrypted.
 */
export const citizens = sqliteTable(
  "citizens",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    provinceId: text("province_id")
      .notNull()
      .references(() => provinces.id),
    appId: text("app_id").notNull(),
    zaloUserId: text("zalo_user_id").notNull(),
    phoneCiphertext: text("phone_ciphertext"),
    phoneVerifiedAt: text("phone_verified_at"),
    lastSeenAt: text("last_seen_at").notNull(),
    /** Mini App notifications sent to them on `miniappDay` (Vietnam yyyy-MM-dd): Zalo allows one per user per day. */
    miniappDay: text("miniapp_day"),
    miniappCount: integer("miniapp_count").notNull().default(0),
    ...timestamps,
  },
  (t) => [uniqueIndex("citizens_app_user_uq").on(t.appId, t.zaloUserId)],
);

export const CONSENT_CHANNELS = ["miniapp", "zns"] as const;
export type ConsentChannel = (typeof CONSENT_CHANNELS)[number];

/** Consent history: one row per grant, closed by its withdrawal. A message goes out only under an open row. */
export const consents = sqliteTable(
  "consents",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    citizenId: integer("citizen_id").notNull(),
    channel: text("channel").$type<ConsentChannel>().notNull(),
    purpose: text("purpose").notNull(),
    /** The words the citizen agreed to, as shown. */
    wording: text("wording").notNull(),
    grantedAt: text("granted_at").notNull(),
    withdrawnAt: text("withdrawn_at"),
  },
  (t) => [index("consents_citizen_idx").on(t.citizenId, t.channel, t.withdrawnAt)],
);

/** Dossiers a citizen follows after proving ownership. Following is the only way to be messaged about one. */
export const follows = sqliteTable(
  "follows",
  {
    citizenId: integer("citizen_id").notNull(),
    dossierCode: text("dossier_code").notNull(),
    provinceId: text("province_id").notNull(),
    /** How ownership was proved: the slip's QR token or a view token from the last-4 unlock. */
    proof: text("proof").$type<"slip" | "view">().notNull(),
    createdAt: text("created_at").notNull(),
  },
  (t) => [primaryKey({ columns: [t.citizenId, t.dossierCode] }), index("follows_code_idx").on(t.dossierCode)],
);

/**
 * Messages owed to followers of a dossier, written in the same db.batch as the event that causes them (or by the
 * cron for reminders and overdue notices). `dedupeKey` makes each one exist once.
 */
export const outbox = sqliteTable(
  "outbox",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    dedupeKey: text("dedupe_key").notNull(),
    provinceId: text("province_id").notNull(),
    dossierCode: text("dossier_code").notNull(),
    kind: text("kind").notNull(),
    params: text("params", { mode: "json" }).$type<Record<string, unknown>>().notNull(),
    /** Set when the message is for one citizen (an answer to them, their feedback), not every follower. For
     * feedback messages `dossierCode` holds the feedback's reference instead. */
    recipientCitizenId: integer("recipient_citizen_id"),
    createdAt: text("created_at").notNull(),
    fannedOutAt: text("fanned_out_at"),
    /** A broadcast's audience instead of the dossier's followers: the citizens who chose one of these communes, or
     * every citizen who chose any commune of the province (news). */
    audience: text("audience", { mode: "json" }).$type<BroadcastAudience>(),
    /** Not to be sent before this time (a news post scheduled for later). */
    notBefore: text("not_before"),
  },
  (t) => [
    uniqueIndex("outbox_dedupe_uq").on(t.dedupeKey),
    index("outbox_pending_idx").on(t.fannedOutAt, t.createdAt),
    index("outbox_created_idx").on(t.createdAt),
  ],
);

export type BroadcastAudience = { communes: string[] } | { subscribers: true };

/**
 * `deferred`: waiting for a window, a quota or the person's daily limit (`reason` says which, `nextAttemptAt` when);
 * `in_app`: no Zalo channel can reach them (the in-app inbox and banner still do), `reason` says why;
 * `folded`: went out as a digest line of another message to the same person.
 */
export const DELIVERY_STATUSES = ["queued", "sending", "sent", "deferred", "in_app", "folded", "failed_temporary", "failed_permanent"] as const;
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];

/** One message to one citizen: what the in-app inbox lists, and the state of its delivery through Zalo. */
export const deliveries = sqliteTable(
  "deliveries",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    outboxId: integer("outbox_id").notNull(),
    citizenId: integer("citizen_id").notNull(),
    /** The channel tried last: miniapp first, zns when that cannot reach the citizen and they agreed to it. */
    channel: text("channel").$type<ConsentChannel | "inbox">().notNull(),
    status: text("status").$type<DeliveryStatus>().notNull(),
    attempts: integer("attempts").notNull().default(0),
    /** When a queued or temporarily failed delivery is next due: the sweeper re-enqueues those long past it. */
    nextAttemptAt: text("next_attempt_at").notNull(),
    lastError: text("last_error"),
    providerMessageId: text("provider_message_id"),
    sentAt: text("sent_at"),
    deadLetteredAt: text("dead_lettered_at"),
    readAt: text("read_at"),
    /** domain/delivery-priority: 0 emergency alert … 5 news; lower goes first when quotas are short. */
    priority: integer("priority").notNull().default(3),
    /** Why it is deferred or was not sent by Zalo: quota, window, user_daily_limit, no_consent, inactive, … */
    reason: text("reason"),
    /** The broadcast (alert or news send) it belongs to, whose counters it adds to. */
    broadcastId: integer("broadcast_id"),
    createdAt: text("created_at").notNull(),
    updatedAt: text("updated_at").notNull(),
  },
  (t) => [
    uniqueIndex("deliveries_outbox_citizen_uq").on(t.outboxId, t.citizenId),
    index("deliveries_citizen_idx").on(t.citizenId, t.id),
    index("deliveries_status_idx").on(t.status, t.nextAttemptAt),
  ],
);

/** An officer's Zalo account, linked with a one-time code from their one-stop system. */
export const staffLinks = sqliteTable(
  "staff_links",
  {
    citizenId: integer("citizen_id").primaryKey(),
    provinceId: text("province_id").notNull(),
    officerId: text("officer_id").notNull(),
    linkedAt: text("linked_at").notNull(),
  },
  (t) => [uniqueIndex("staff_links_officer_uq").on(t.provinceId, t.officerId)],
);

/** One-time link codes, kept as a keyed hash; valid 15 minutes, used once. */
export const staffLinkCodes = sqliteTable("staff_link_codes", {
  codeHash: text("code_hash").primaryKey(),
  provinceId: text("province_id").notNull(),
  officerId: text("officer_id").notNull(),
  expiresAt: text("expires_at").notNull(),
  usedAt: text("used_at"),
  usedBy: integer("used_by"),
  createdAt: text("created_at").notNull(),
});

/**
 * The satisfaction survey provinces use, answered once per dossier after pickup (status 9 or 10) by whoever proves
 * ownership: the slip's token, a view token from the last-4 unlock, or a verified follower. Agency, department and
 * officer are those that handled the dossier when it was rated, so aggregates do not move when a dossier is later
 * reassigned; `month` is yyyy-MM in Asia/Ho_Chi_Minh.
 */
export const ratings = sqliteTable(
  "ratings",
  {
    dossierCode: text("dossier_code").primaryKey(),
    provinceId: text("province_id").notNull(),
    /** The signed-in citizen who rated, if they were signed in. */
    citizenId: integer("citizen_id"),
    /** How ownership was proved: the slip token, a view token, or following the dossier. */
    proof: text("proof").$type<"slip" | "view" | "follow">().notNull().default("follow"),
    agencyId: text("agency_id").notNull(),
    departmentId: text("department_id"),
    officerId: text("officer_id"),
    month: text("month").notNull(),
    timeVsLimit: text("time_vs_limit").notNull(),
    extraVisits: text("extra_visits").notNull(),
    agenciesCount: text("agencies_count").notNull(),
    publiclyPosted: text("publicly_posted").notNull(),
    attitude: text("attitude").notNull(),
    convenience: text("convenience").notNull(),
    overall: text("overall").notNull(),
    comment: text("comment"),
    createdAt: text("created_at").notNull(),
  },
  (t) => [index("ratings_province_month_idx").on(t.provinceId, t.month)],
);

/** A follower's question about a dossier, for its handling officer (or the department when none). */
export const questions = sqliteTable(
  "questions",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    provinceId: text("province_id").notNull(),
    dossierCode: text("dossier_code").notNull(),
    citizenId: integer("citizen_id").notNull(),
    text: text("text").notNull(),
    officerId: text("officer_id"),
    departmentId: text("department_id"),
    status: text("status").$type<"open" | "answered">().notNull(),
    /** Two working days after it was asked: unanswered by then, it goes to the department head. */
    escalateAt: text("escalate_at").notNull(),
    escalatedAt: text("escalated_at"),
    answer: text("answer"),
    answeredAt: text("answered_at"),
    answeredBy: text("answered_by"),
    createdAt: text("created_at").notNull(),
    updatedAt: text("updated_at").notNull(),
  },
  (t) => [index("questions_dossier_idx").on(t.dossierCode, t.id), index("questions_province_status_idx").on(t.provinceId, t.status, t.escalateAt)],
);

export const FEEDBACK_STATUSES = ["received", "assigned", "answered", "closed"] as const;
export type FeedbackStatus = (typeof FEEDBACK_STATUSES)[number];
export type FeedbackHistoryEntry = { status: FeedbackStatus | "reopened"; at: string; note?: string | null; agencyId?: string };
export type FeedbackPhoto = { key: string; type: string; bytes: number };

/** Phản ánh, kiến nghị: a citizen's report about a public matter, with photos in R2, routed to an agency. */
export const feedback = sqliteTable(
  "feedback",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    provinceId: text("province_id").notNull(),
    citizenId: integer("citizen_id").notNull(),
    category: text("category").notNull(),
    text: text("text").notNull(),
    /** Lower-case, diacritics removed: what the public search matches. */
    searchText: text("search_text").notNull(),
    district: text("district"),
    /** Only when the citizen chose to share the place. */
    lat: real("lat"),
    lng: real("lng"),
    placeLabel: text("place_label"),
    anonymous: integer("anonymous", { mode: "boolean" }).notNull(),
    senderName: text("sender_name"),
    photos: text("photos", { mode: "json" }).$type<FeedbackPhoto[]>().notNull(),
    status: text("status").$type<FeedbackStatus>().notNull(),
    agencyId: text("agency_id"),
    answer: text("answer"),
    answeredAt: text("answered_at"),
    answeredBy: text("answered_by"),
    closedAt: text("closed_at"),
    reopenCount: integer("reopen_count").notNull().default(0),
    history: text("history", { mode: "json" }).$type<FeedbackHistoryEntry[]>().notNull(),
    createdAt: text("created_at").notNull(),
    updatedAt: text("updated_at").notNull(),
  },
  (t) => [index("feedback_citizen_idx").on(t.citizenId, t.id), index("feedback_province_status_idx").on(t.provinceId, t.status, t.id)],
);

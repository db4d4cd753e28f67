import { sql } from "drizzle-orm";
import { index, integer, primaryKey, real, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";

import { timestamps } from "./columns";

/** A province is a tenant: its own branding, agencies, procedures, dossiers and integration clients. */
export const provinces = sqliteTable("provinces", {
  id: text("id").primaryKey(),
  name: text("name").notNull(),
  shortName: text("short_name").notNull(),
  channelName: text("channel_name").notNull(),
  primaryColor: text("primary_color").notNull(),
  accentColor: text("accent_color").notNull(),
  logoUrl: text("logo_url"),
  hotline: text("hotline"),
  zaloOaId: text("zalo_oa_id"),
  miniAppId: text("mini_app_id"),
  /**
   * The province's level-1 unit code in national agency identifiers (`H56` in 000.00.06.H56): its clients may
   * register only agencies, and so dossier codes, that carry it. Set by the operator; one province per code.
   */
  agencyCode: text("agency_code").unique("provinces_agency_code_uq"),
  /** Months a closed dossier keeps its applicant's personal data (domain/lifecycle.ts): 1–120, 12 by default. */
  dataRetentionMonths: integer("data_retention_months").notNull().default(12),
  ...timestamps,
});

/** Receiving agencies, keyed by their national electronic-document identifier (e.g. 000.00.06.H56). */
export const agencies = sqliteTable(
  "agencies",
  {
    id: text("id").primaryKey(),
    provinceId: text("province_id")
      .notNull()
      .references(() => provinces.id),
    name: text("name").notNull(),
    shortName: text("short_name"),
    level: text("level").notNull().default("province"),
    address: text("address"),
    phone: text("phone"),
    /** When the desk is open, by ISO weekday (1 Monday … 7 Sunday), in Asia/Ho_Chi_Minh. */
    openingHours: text("opening_hours", { mode: "json" }).$type<OpeningHours[]>(),
    /** Anything the weekly hours cannot say: "Nghỉ các ngày lễ, Tết", "Sáng thứ Bảy chỉ trả kết quả". */
    hoursNote: text("hours_note"),
    latitude: real("latitude"),
    longitude: real("longitude"),
    /** Where fees for this desk's dossiers are paid by bank transfer (a VietQR is built from it). */
    collectionAccount: text("collection_account", { mode: "json" }).$type<CollectionAccount>(),
    ...timestamps,
  },
  (t) => [index("agencies_province_idx").on(t.provinceId)],
);

/** One opening period: on these ISO weekdays, from `opens` to `closes` (HH:mm, Vietnam time). */
export type OpeningHours = { days: number[]; opens: string; closes: string };

/** A State Treasury or bank account that collects fees: `bankBin` is the bank's 6-digit NAPAS BIN. */
export type CollectionAccount = { bankBin: string; bankName: string; accountNumber: string; accountName: string };

export const departments = sqliteTable(
  "departments",
  {
    provinceId: text("province_id")
      .notNull()
      .references(() => provinces.id),
    id: text("id").notNull(),
    agencyId: text("agency_id").notNull(),
    name: text("name").notNull(),
    ...timestamps,
  },
  (t) => [primaryKey({ columns: [t.provinceId, t.id] })],
);

/** Only the public-facing name and title of an officer: what a citizen sees on the dossier page. */
export const officers = sqliteTable(
  "officers",
  {
    provinceId: text("province_id")
      .notNull()
      .references(() => provinces.id),
    id: text("id").notNull(),
    departmentId: text("department_id"),
    displayName: text("display_name").notNull(),
    title: text("title"),
    /** What the officer may do in the staff area: officer, department_head or province_admin. */
    role: text("role").$type<StaffRole>().notNull().default("officer"),
    /** Extra rights beyond the role: `communications` lets an officer write the province's news. */
    permissions: text("permissions", { mode: "json" }).$type<StaffPermission[]>().notNull().default([]),
    ...timestamps,
  },
  (t) => [primaryKey({ columns: [t.provinceId, t.id] })],
);

export const STAFF_ROLES = ["officer", "department_head", "province_admin"] as const;
export type StaffRole = (typeof STAFF_ROLES)[number];
/** Province admins hold every permission; officers and department heads only those given to them by name. */
export const STAFF_PERMISSIONS = ["communications"] as const;
export type StaffPermission = (typeof STAFF_PERMISSIONS)[number];

export const procedures = sqliteTable(
  "procedures",
  {
    provinceId: text("province_id")
      .notNull()
      .references(() => provinces.id),
    code: text("code").notNull(),
    name: text("name").notNull(),
    /** What people call it, short enough for a message title: "Cấp sổ đỏ lần đầu", "Đăng ký kết hôn". */
    shortName: text("short_name"),
    /** Lower-case, diacritics removed: what search matches against. */
    searchText: text("search_text").notNull(),
    field: text("field").notNull(),
    level: text("level"),
    /** JSON array of {name, copies?, note?}. */
    documents: text("documents", { mode: "json" }).$type<ProcedureDocument[]>().notNull(),
    feeVnd: integer("fee_vnd"),
    feeText: text("fee_text"),
    legalDays: integer("legal_days").notNull(),
    whereToFile: text("where_to_file").notNull(),
    ...timestamps,
  },
  (t) => [primaryKey({ columns: [t.provinceId, t.code] })],
);

export type ProcedureDocument = { name: string; copies?: string; note?: string };

export type TimelineEntry = {
  type: string;
  at: string;
  status?: number;
  note?: string;
  documents?: string[];
  deadline?: string;
  amountVnd?: number;
  paymentUrl?: string;
  competentAgencyId?: string;
  previousDueAt?: string;
  dueAt?: string;
  departmentId?: string;
  departmentName?: string;
  officerId?: string;
  officerName?: string;
};

/**
 * The current state of a dossier, folded from its events in occurredAt order (see domain/dossier-state.ts).
 * A row exists once a dossier.received event is known; it is rewritten whenever an event is applied.
 */
export const dossiers = sqliteTable(
  "dossiers",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    /** Upper-case, trimmed: the form every lookup normalises to. */
    code: text("code").notNull(),
    provinceId: text("province_id")
      .notNull()
      .references(() => provinces.id),
    agencyId: text("agency_id").notNull(),
    procedureCode: text("procedure_code").notNull(),
    applicantName: text("applicant_name").notNull(),
    /** Keyed hash of (code, last 4 digits of the ID number): the only trace of the ID number we keep. */
    applicantFactorHash: text("applicant_factor_hash").notNull(),
    status: integer("status").notNull(),
    statusNote: text("status_note"),
    receivedAt: text("received_at").notNull(),
    dueAt: text("due_at").notNull(),
    completedAt: text("completed_at"),
    returnedAt: text("returned_at"),
    departmentId: text("department_id"),
    officerId: text("officer_id"),
    missingDocuments: text("missing_documents", { mode: "json" }).$type<string[]>(),
    supplementDeadline: text("supplement_deadline"),
    feeVnd: integer("fee_vnd"),
    feeNote: text("fee_note"),
    /** Pay by this time, if the one-stop system said so. */
    feeDeadline: text("fee_deadline"),
    /** The one-stop system's online payment page for this fee, if it has one. */
    paymentUrl: text("payment_url"),
    /** A refusal that names the agency competent for the matter: where the citizen should go instead. */
    competentAgencyId: text("competent_agency_id"),
    /** When the dossier last changed: the latest event's occurredAt (not when it reached us). */
    changedAt: text("changed_at"),
    timeline: text("timeline", { mode: "json" }).$type<TimelineEntry[]>().notNull(),
    /** Number of events folded into this row; guards concurrent rewrites (optimistic concurrency). */
    version: integer("version").notNull().default(0),
    /** When the data lifecycle removed the applicant's personal data (services/lifecycle.ts); the row stays. */
    personalDataRemovedAt: text("personal_data_removed_at"),
    ...timestamps,
  },
  (t) => [
    uniqueIndex("dossiers_code_uq").on(t.code),
    index("dossiers_province_status_idx").on(t.provinceId, t.status),
    index("dossiers_province_code_idx").on(t.provinceId, t.code),
    index("dossiers_agency_received_idx").on(t.agencyId, t.receivedAt),
    index("dossiers_province_due_idx").on(t.provinceId, t.dueAt),
    /** The lifecycle's candidates: closed dossiers still holding personal data, by when they last changed. */
    index("dossiers_retention_idx").on(t.provinceId, t.status, t.changedAt).where(sql`personal_data_removed_at IS NULL`),
  ],
);

/** Append-only history as sent by one-stop systems. Events may precede the dossier.received they follow. */
export const dossierEvents = sqliteTable(
  "dossier_events",
  {
    seq: integer("seq").primaryKey({ autoIncrement: true }),
    clientId: text("client_id").notNull(),
    eventId: text("event_id").notNull(),
    provinceId: text("province_id").notNull(),
    dossierCode: text("dossier_code").notNull(),
    type: text("type").notNull(),
    occurredAt: text("occurred_at").notNull(),
    /** The event as validated, without the applicant's ID number. */
    payload: text("payload", { mode: "json" }).$type<Record<string, unknown>>().notNull(),
    receivedAt: text("received_at").notNull().default(sql`(strftime('%Y-%m-%dT%H:%M:%fZ','now'))`),
  },
  (t) => [uniqueIndex("dossier_events_client_event_uq").on(t.clientId, t.eventId), index("dossier_events_code_idx").on(t.dossierCode, t.occurredAt)],
);

/** One-stop systems allowed to call the integration API. The HMAC secret is stored encrypted (AES-GCM). */
export const integrationClients = sqliteTable(
  "integration_clients",
  {
    keyId: text("key_id").primaryKey(),
    provinceId: text("province_id")
      .notNull()
      .references(() => provinces.id),
    name: text("name").notNull(),
    secretCiphertext: text("secret_ciphertext").notNull(),
    /** 2: only v2 signatures (which cover the method and path) are accepted from this key; 1: v1 as well. */
    minSignatureVersion: integer("min_signature_version").notNull().default(1),
    /**
     * For a province split by agency group (control-schema.ts `shard_map`): the group this key's one-stop system
     * speaks for, so its requests open that group's database. Null: the province's home database.
     */
    agencyGroup: text("agency_group"),
    revokedAt: text("revoked_at"),
    ...timestamps,
  },
  (t) => [index("integration_clients_province_idx").on(t.provinceId)],
);

/** Fixed-window counters for throttling (failed factors, unknown codes). */
export const throttles = sqliteTable("throttles", {
  key: text("key").primaryKey(),
  windowStart: integer("window_start").notNull(),
  count: integer("count").notNull(),
});

/**
 * Integration signatures already used, kept until their timestamp leaves the ±300 s window: a second request with
 * the same (key, signature) is a replay. The hourly cron drops expired rows.
 */
export const usedSignatures = sqliteTable(
  "used_signatures",
  {
    keyId: text("key_id").notNull(),
    signature: text("signature").notNull(),
    /** Unix seconds after which the signature's timestamp is out of the window anyway. */
    expiresAt: integer("expires_at").notNull(),
  },
  (t) => [primaryKey({ columns: [t.keyId, t.signature] }), index("used_signatures_expires_idx").on(t.expiresAt)],
);

/**
 * A province's Zalo app: the mini app citizens open and the OA that sends ZNS. Secrets are stored encrypted (as
 * integration client secrets are); template ids map each message kind to the template registered with Zalo.
 */
export const zaloApps = sqliteTable("zalo_apps", {
  provinceId: text("province_id")
    .primaryKey()
    .references(() => provinces.id),
  appId: text("app_id").notNull().unique(),
  miniAppId: text("mini_app_id").notNull(),
  appSecretCiphertext: text("app_secret_ciphertext").notNull(),
  miniAppApiKeyCiphertext: text("mini_app_api_key_ciphertext"),
  oaAccessTokenCiphertext: text("oa_access_token_ciphertext"),
  /** {miniapp: {kind: templateId}, zns: {kind: templateId}} */
  templates: text("templates", { mode: "json" }).$type<ZaloTemplates>().notNull(),
  ...timestamps,
});

export type ZaloTemplates = { miniapp: Record<string, string>; zns: Record<string, string> };

/**
 * The staff area's alerts: a province admin composes, updates and cancels an alert in a few fields; the server makes
 * the CAP message (sender `<provinceId>@motcua`, a new identifier, sent now) and it goes through the same
 * validation and the same receiveCap as one from the province's warning system. Refusals are said in Vietnamese.
 */
import { and, desc, eq, gt, inArray, isNull, or } from "drizzle-orm";
import { alerts, broadcasts, communes } from "../db/schema";
import { type CapAlert, validateCap } from "../domain/cap";
import type { Db, Env } from "../env";
import { ApiError } from "../errors";
import type { StaffAlertBody } from "../schemas/alerts";
import { activeCondition, alertView, latestOf, stateOf } from "./alerts-read";
import { type CapOutcome, capRejection, receiveCap } from "./alerts";
import type { StaffProfile } from "./staff";

type Input = (typeof StaffAlertBody)["_output"];
type Row = typeof alerts.$inferSelect;

const RECENT_MS = 7 * 24 * 60 * 60 * 1000;
/** How many communes' names describe a staff alert's area before "và N xã, phường khác". */
const AREA_NAMES = 10;

export function requireAlertAdmin(profile: StaffProfile): void {
  if (profile.role !== "province_admin") {
    throw new ApiError(403, "forbidden", "Chỉ lãnh đạo được phân quyền quản trị của tỉnh mới được phát cảnh báo khẩn cấp.", undefined, "province admins only");
  }
}

const VIETNAMESE: Record<string, string> = {
  cap_unknown_commune: "Có xã/phường không thuộc danh sách của tỉnh. Vui lòng chọn lại khu vực nhận cảnh báo.",
  conflict: "Cảnh báo này vừa được cập nhật hoặc hủy. Vui lòng tải lại trang và thử lại.",
  cap_unknown_reference: "Không tìm thấy cảnh báo này.",
};

/** Runs a staff write, turning a CAP refusal into the staff area's Vietnamese answer (the English in `detail`). */
async function asStaff<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (err) {
    const rejection = capRejection(err);
    if (!rejection) throw err;
    const message = VIETNAMESE[rejection.code] ?? "Thông tin cảnh báo chưa hợp lệ. Vui lòng kiểm tra lại thời hạn và nội dung.";
    throw new ApiError(rejection.status, rejection.code, message, rejection.field, rejection.message);
  }
}

function vnNow(now: Date): string {
  return new Date(now.getTime() + 7 * 3600_000).toISOString().replace(/\.\d{3}Z$/, "+07:00");
}

function newIdentifier(provinceId: string, now: Date): string {
  const random = [...crypto.getRandomValues(new Uint8Array(4))].map((b) => b.toString(16).padStart(2, "0")).join("");
  return `${provinceId}-${vnNow(now).slice(0, 10).replaceAll("-", "")}-${random}`;
}

async function communeNames(db: Db, provinceId: string, codes: string[]): Promise<string> {
  const rows = await db
    .select({ code: communes.code, name: communes.name })
    .from(communes)
    .where(and(eq(communes.provinceId, provinceId), inArray(communes.code, codes)));
  const names = new Map(rows.map((r) => [r.code, r.name]));
  const all = codes.map((c) => names.get(c) ?? c);
  // A long choice is named by its first communes, so the description stays readable on a phone.
  return all.length <= AREA_NAMES ? all.join(", ") : `${all.slice(0, AREA_NAMES).join(", ")} và ${all.length - AREA_NAMES} xã, phường khác`;
}

async function capOf(
  db: Db,
  profile: StaffProfile,
  input: Input | null,
  now: Date,
  change?: { references: string; msgType: "Update" | "Cancel"; note?: string },
): Promise<CapAlert> {
  const info = input && {
    language: "vi-VN",
    category: [input.category ?? "Other"],
    event: input.event,
    urgency: input.urgency,
    severity: input.severity,
    certainty: input.certainty,
    senderName: profile.displayName,
    headline: input.headline,
    ...(input.description ? { description: input.description } : {}),
    instruction: input.instruction,
    expires: input.expires,
    area: [
      {
        areaDesc: input.areaDesc ?? (await communeNames(db, profile.provinceId, input.communes)),
        geocode: [...new Set(input.communes)].map((value) => ({ valueName: "ma_xa", value })),
      },
    ],
  };
  return validateCap({
    identifier: newIdentifier(profile.provinceId, now),
    sender: `${profile.provinceId}@motcua`,
    sent: vnNow(now),
    status: "Actual",
    msgType: change?.msgType ?? "Alert",
    scope: "Public",
    ...(change ? { references: change.references } : {}),
    ...(change?.note ? { note: change.note } : {}),
    info: info ? [info] : [],
  });
}

/** The latest message of the alert `id` names, in the officer's province (any message of the thread will do). */
async function latestMessage(db: Db, provinceId: string, id: number): Promise<Row> {
  const [asked] = await db
    .select()
    .from(alerts)
    .where(and(eq(alerts.id, id), eq(alerts.provinceId, provinceId)));
  const latest = asked && (asked.supersededAt ? await latestOf(db, asked.threadId ?? asked.id) : asked);
  if (!latest) throw new ApiError(404, "not_found", "Không tìm thấy cảnh báo này.", undefined, "no such alert in the officer's province");
  if (latest.msgType === "Cancel") throw new ApiError(409, "conflict", "Cảnh báo này đã được hủy.", undefined, "the alert was cancelled");
  return latest;
}

type Later = (p: Promise<unknown>) => void;
const author = (profile: StaffProfile) => `staff:${profile.officerId}`;
const reference = (row: Row) => `${row.sender},${row.identifier},${(row.cap as CapAlert).sent}`;

export function composeAlert(env: Env, db: Db, profile: StaffProfile, input: Input, now: Date, later: Later): Promise<CapOutcome> {
  return asStaff(async () => {
    const cap = await capOf(db, profile, input, now);
    return receiveCap(env, db, { provinceId: profile.provinceId, author: author(profile), cap, now }, later);
  });
}

export function updateAlert(env: Env, db: Db, profile: StaffProfile, id: number, input: Input, now: Date, later: Later): Promise<CapOutcome> {
  return asStaff(async () => {
    const latest = await latestMessage(db, profile.provinceId, id);
    const cap = await capOf(db, profile, input, now, { references: reference(latest), msgType: "Update" });
    return receiveCap(env, db, { provinceId: profile.provinceId, author: author(profile), cap, now }, later);
  });
}

export function cancelAlert(env: Env, db: Db, profile: StaffProfile, id: number, note: string | undefined, now: Date, later: Later): Promise<CapOutcome> {
  return asStaff(async () => {
    const latest = await latestMessage(db, profile.provinceId, id);
    const cap = await capOf(db, profile, null, now, { references: reference(latest), msgType: "Cancel", note });
    return receiveCap(env, db, { provinceId: profile.provinceId, author: author(profile), cap, now }, later);
  });
}

/** Active alerts and those whose latest message is from the last 7 days, any status, with each message's counts. */
export async function staffAlerts(db: Db, provinceId: string, now: Date) {
  const since = new Date(now.getTime() - RECENT_MS).toISOString();
  const threads = await db
    .select()
    .from(alerts)
    .where(and(eq(alerts.provinceId, provinceId), isNull(alerts.supersededAt), or(activeCondition(now), gt(alerts.createdAt, since))))
    .orderBy(desc(alerts.createdAt))
    .limit(100);
  const threadIds = threads.map((r) => r.threadId ?? r.id);
  const messages =
    threadIds.length === 0
      ? []
      : await db
          .select({ alert: alerts, counts: broadcasts })
          .from(alerts)
          .leftJoin(broadcasts, and(eq(broadcasts.provinceId, alerts.provinceId), eq(broadcasts.kind, "alert"), eq(broadcasts.subject, alerts.identifier)))
          .where(and(eq(alerts.provinceId, provinceId), inArray(alerts.threadId, threadIds)));
  return {
    alerts: threads.map((row) => ({
      ...alertView(row),
      state: stateOf(row, now),
      note: row.msgType === "Cancel" ? ((row.cap as CapAlert).note ?? null) : null,
      status: row.status as CapAlert["status"],
      author: row.author,
      broadcasts: messages
        .filter((m) => m.alert.threadId === (row.threadId ?? row.id))
        .sort((a, b) => a.alert.createdAt.localeCompare(b.alert.createdAt))
        .map(({ alert, counts }) => ({
          identifier: alert.identifier,
          msgType: alert.msgType,
          sent: alert.sent,
          targeted: counts?.targeted ?? 0,
          sentByZalo: counts?.sentByZalo ?? 0,
          inAppOnly: counts?.inAppOnly ?? 0,
          deferred: counts?.deferred ?? 0,
          failed: counts?.failed ?? 0,
        })),
    })),
  };
}

/**
 * Reading the province's alerts as the public sees them: only status Actual; active is an Alert or Update that no
 * later message replaced and that has not expired; an alert ends when it is cancelled or expires. Nothing personal.
 */
import { and, desc, eq, gt, inArray, isNull, or, type SQL, sql } from "drizzle-orm";
import { alertCommunes, alerts, provinces } from "../db/schema";
import { type CapAlert, severityRank } from "../domain/cap";
import { capToXml, atomFeed } from "../domain/cap-xml-write";
import type { Db } from "../env";
import { ApiError } from "../errors";

type Row = typeof alerts.$inferSelect;
export type AlertState = "active" | "cancelled" | "expired";

const DAY_MS = 24 * 60 * 60 * 1000;
const LIST_LIMIT = 100;

type Display = Pick<Row, "event" | "urgency" | "severity" | "certainty" | "headline"> & { description?: string | null; instruction?: string | null };

/** What people read of a message, from an info block or a stored row. */
export const displayOf = (d: Display) => ({
  event: d.event,
  urgency: d.urgency,
  severity: d.severity,
  certainty: d.certainty,
  headline: d.headline,
  description: d.description ?? null,
  instruction: d.instruction ?? null,
});

export function alertView(row: Row) {
  return {
    id: row.id,
    identifier: row.identifier,
    msgType: row.msgType,
    sent: row.sent,
    ...displayOf(row),
    effective: row.effective,
    expires: row.expires,
    areas: row.areas.map((a) => ({ areaDesc: a.areaDesc, communes: a.communes })),
    areaDesc: row.areas.map((a) => a.areaDesc).join("; "),
  };
}

export function stateOf(row: Pick<Row, "msgType" | "expires">, now: Date): AlertState {
  if (row.msgType === "Cancel") return "cancelled";
  return row.expires && row.expires <= now.toISOString() ? "expired" : "active";
}

const noSuchAlert = () => new ApiError(404, "not_found", "Không tìm thấy cảnh báo này.", undefined, "no such public alert");

/** The condition "the latest message of its thread, for the public", optionally covering a commune. */
export function current(provinceId: string, commune: string | null): SQL {
  return and(
    eq(alerts.provinceId, provinceId),
    eq(alerts.status, "Actual"),
    isNull(alerts.supersededAt),
    commune
      ? inArray(
          alerts.id,
          sql`(SELECT ${alertCommunes.alertId} FROM ${alertCommunes} WHERE ${alertCommunes.provinceId} = ${provinceId} AND ${alertCommunes.communeCode} = ${commune})`,
        )
      : undefined,
  )!;
}

export const activeCondition = (now: Date) =>
  and(inArray(alerts.msgType, ["Alert", "Update"]), or(isNull(alerts.expires), gt(alerts.expires, now.toISOString())))!;

async function requireProvince(db: Db, provinceId: string): Promise<string> {
  const [row] = await db.select({ name: provinces.name }).from(provinces).where(eq(provinces.id, provinceId));
  if (!row) throw new ApiError(404, "not_found", "Không tìm thấy tỉnh này.", undefined, "no such province");
  return row.name;
}

const bySeverityThenNewest = (a: Row, b: Row) => severityRank(a.severity) - severityRank(b.severity) || b.sent.localeCompare(a.sent);

export async function activeRows(db: Db, provinceId: string, commune: string | null, now: Date): Promise<Row[]> {
  const rows = await db
    .select()
    .from(alerts)
    .where(and(current(provinceId, commune), activeCondition(now)))
    .orderBy(desc(alerts.sent))
    .limit(LIST_LIMIT);
  return rows.sort(bySeverityThenNewest);
}

/** Active alerts, most severe first then newest; and those cancelled or expired in the last 24 hours. */
export async function activeAndEnded(db: Db, provinceId: string, commune: string | null, now: Date) {
  await requireProvince(db, provinceId);
  const dayAgo = new Date(now.getTime() - DAY_MS).toISOString();
  const nowIso = now.toISOString();
  const ended = await db
    .select()
    .from(alerts)
    .where(
      and(
        current(provinceId, commune),
        or(
          and(eq(alerts.msgType, "Cancel"), gt(alerts.sent, dayAgo)),
          and(inArray(alerts.msgType, ["Alert", "Update"]), sql`${alerts.expires} <= ${nowIso}`, gt(alerts.expires, dayAgo)),
        ),
      ),
    )
    .orderBy(desc(alerts.sent))
    .limit(LIST_LIMIT);
  return {
    alerts: (await activeRows(db, provinceId, commune, now)).map(alertView),
    ended: ended.map((row) => ({
      ...alertView(row),
      endedAt: row.msgType === "Cancel" ? row.sent : row.expires!,
      endReason: row.msgType === "Cancel" ? ("cancelled" as const) : ("expired" as const),
    })),
  };
}

/** A public message of the province by id (404 for another province's, or a status other than Actual). */
async function publicRow(db: Db, provinceId: string, id: number): Promise<Row> {
  const [row] = await db
    .select()
    .from(alerts)
    .where(and(eq(alerts.id, id), eq(alerts.provinceId, provinceId), eq(alerts.status, "Actual")));
  if (!row) throw noSuchAlert();
  return row;
}

/** The latest message of a thread: the one no other replaced. */
export async function latestOf(db: Db, threadId: number): Promise<Row | undefined> {
  const [row] = await db
    .select()
    .from(alerts)
    .where(and(eq(alerts.threadId, threadId), isNull(alerts.supersededAt)))
    .orderBy(desc(alerts.createdAt))
    .limit(1);
  return row;
}

/** Any message's id answers with its thread's latest: the Update that replaced it, or the Cancel that ended it. */
export async function alertPage(db: Db, provinceId: string, id: number, now: Date) {
  const asked = await publicRow(db, provinceId, id);
  const row = (asked.supersededAt && (await latestOf(db, asked.threadId ?? asked.id))) || asked;
  return { ...alertView(row), state: stateOf(row, now), note: row.msgType === "Cancel" ? ((row.cap as CapAlert).note ?? null) : null };
}

/** One message as CAP 1.2 XML, as received. */
export async function capDocument(db: Db, provinceId: string, id: number): Promise<string> {
  return capToXml((await publicRow(db, provinceId, id)).cap as CapAlert);
}

/** The active alerts as Atom 1.0; `origin` is where this API is published (never the request's Host). */
export async function alertFeed(db: Db, provinceId: string, now: Date, origin: string): Promise<string> {
  const name = await requireProvince(db, provinceId);
  const rows = await activeRows(db, provinceId, null, now);
  const base = `${origin}/v1/provinces/${encodeURIComponent(provinceId)}`;
  return atomFeed({
    id: `${base}/alerts.cap`,
    title: `Cảnh báo khẩn cấp — ${name}`,
    // The newest alert's time; an empty feed is as of now.
    updated:
      rows
        .map((r) => r.sent)
        .sort()
        .at(-1) ?? now.toISOString(),
    selfUrl: `${base}/alerts.cap`,
    entries: rows.map((r) => ({
      id: `${base}/alerts/${r.id}/cap`,
      title: r.headline,
      updated: r.sent,
      summary: `${r.event} — ${r.severity}, ${r.urgency}, ${r.certainty}. ${r.areas.map((a) => a.areaDesc).join("; ")}`,
      capUrl: `${base}/alerts/${r.id}/cap`,
      author: r.sender,
    })),
  });
}

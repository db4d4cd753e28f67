/**
 * Receiving a CAP message (from the province's warning system, or made by the staff area) and applying it in one
 * db.batch: an Alert starts a thread; an Update or Cancel joins the thread of the message it references and
 * replaces it, but only if that message is still the thread's latest (a conditional write: of two Updates racing
 * for the same message, one wins). Each applied Actual message enters the notification pipeline as a broadcast to
 * the citizens who chose its communes; other statuses are kept and never shown nor sent.
 */
import { and, eq, inArray, sql } from "drizzle-orm";
import { ZodError } from "zod";
import { batchSql } from "../db/batch-sql";
import { type AlertArea, alerts, broadcasts, communes } from "../db/schema";
import { CapError, type CapAlert, type CapInfo, communesOf, displayInfo, parseReferences, validateCap } from "../domain/cap";
import { capFromXml, readXml } from "../domain/cap-xml-read";
import { toUtcIso } from "../domain/time";
import type { Db, Env } from "../env";
import { displayOf } from "./alerts-read";
import { broadcastOutboxId, broadcastStatements } from "./broadcast-outbox";
import { dispatchOutbox } from "./notify";

export type CapOutcome = { identifier: string; outcome: "applied" | "duplicate"; targeted: number; id: number };

const XML_TYPES = new Set(["application/cap+xml", "application/xml"]);

/** The alert in the request's body, read by its content type and validated; the JSON form arrives parsed. */
export async function capFromBody(contentType: string | undefined, text: () => Promise<string>, json: () => unknown): Promise<CapAlert> {
  const type = (contentType ?? "").split(";")[0]!.trim().toLowerCase();
  if (/^application\/([\w.-]+\+)?json$/.test(type)) return validateCap(json());
  if (XML_TYPES.has(type)) return validateCap(capFromXml(readXml(await text())));
  throw new CapError("unsupported_media_type", undefined, "send CAP as application/cap+xml, application/xml or application/json", 415);
}

/** A refusal as the route answers it: a CapError as is, a schema failure of the JSON form as the element it names. */
export function capRejection(err: unknown, raw?: unknown): CapError | null {
  if (err instanceof CapError) return err;
  if (err instanceof ZodError) {
    if (raw !== undefined) {
      // The domain's own reading names the element as the XML form's refusal would.
      try {
        validateCap(raw);
      } catch (domain) {
        if (domain instanceof CapError) return domain;
      }
    }
    const issue = err.issues[0];
    const field = issue?.path.reduce<string>((p, k) => (typeof k === "number" ? `${p}[${k}]` : p ? `${p}.${String(k)}` : String(k)), "");
    return new CapError("cap_invalid", field || undefined, `${field ? `${field}: ` : ""}${issue?.message ?? "invalid CAP"}`);
  }
  return null;
}

type Row = typeof alerts.$inferSelect;

/** The referenced message of this province an Update or Cancel acts on (the latest of those it names). */
async function referencedRow(db: Db, provinceId: string, cap: CapAlert): Promise<Row> {
  const refs = parseReferences(cap.references ?? "") ?? [];
  const rows = await db
    .select()
    .from(alerts)
    .where(
      and(
        eq(alerts.provinceId, provinceId),
        inArray(
          alerts.identifier,
          refs.map((r) => r.identifier),
        ),
      ),
    );
  const named = rows.filter((row) =>
    refs.some((r) => r.sender === row.sender && r.identifier === row.identifier && Date.parse(r.sent) === Date.parse(row.sent)),
  );
  const latest = named.sort((a, b) => b.createdAt.localeCompare(a.createdAt))[0];
  if (!latest)
    throw new CapError(
      "cap_unknown_reference",
      "references",
      "references names no alert of this province (sender,identifier,sent must match a message received)",
    );
  // A Test or Exercise must never end or change a real warning (nor an Actual message a drill).
  if (latest.status !== cap.status) {
    throw new CapError("cap_invalid", "status", `status ${cap.status} cannot change a message whose status is ${latest.status}`);
  }
  if (latest.msgType === "Cancel") throw new CapError("conflict", "references", `alert ${latest.identifier} was cancelled`, 409);
  if (latest.supersededAt) throw superseded(latest);
  return latest;
}

const superseded = (row: Pick<Row, "identifier">) =>
  new CapError("conflict", "references", `${row.identifier} was already updated or cancelled; reference the latest message of the alert`, 409);

/** Every commune the message names must be one of the province's; the first that is not is refused by its path. */
async function checkCommunes(db: Db, provinceId: string, cap: CapAlert): Promise<void> {
  const named = cap.info.flatMap((info, i) => communesOf(info, i));
  if (named.length === 0) return;
  const codes = [...new Set(named.map((n) => n.code))];
  const known = new Set(
    (
      await db
        .select({ code: communes.code })
        .from(communes)
        // One bound parameter however many communes an alert names (a province-wide alert names every one; D1 takes
        // at most 100 parameters a statement).
        .where(and(eq(communes.provinceId, provinceId), sql`${communes.code} IN (SELECT value FROM json_each(${JSON.stringify(codes)}))`))
    ).map((r) => r.code),
  );
  const unknown = named.find((n) => !known.has(n.code));
  if (unknown) throw new CapError("cap_unknown_commune", unknown.field, `${unknown.field}: commune ${unknown.code} is not a commune of this province`);
}

/** Row ids are random, so the message's id is known before the batch that writes it (the broadcast names it). */
function newAlertId(): number {
  const [high, low] = crypto.getRandomValues(new Uint32Array(2));
  return (high! % 0x100000) * 0x100000000 + low! + 1;
}

function areasOf(info: CapInfo): AlertArea[] {
  return info.area.map((a) => ({
    areaDesc: a.areaDesc,
    communes: communesOf({ ...info, area: [a] }, 0).map((c) => c.code),
    ...(a.polygon ? { polygons: a.polygon } : {}),
  }));
}

const communeCodes = (areas: AlertArea[]) => [...new Set(areas.flatMap((a) => a.communes))];

export type Received = { provinceId: string; author: string; cap: CapAlert; now: Date };

/** Applies a validated message (or finds it a duplicate), then starts its delivery with `waitUntil`. */
export async function receiveCap(env: Env, db: Db, r: Received, waitUntil: (p: Promise<unknown>) => void): Promise<CapOutcome> {
  const { cap, provinceId } = r;
  const existing = await findMessage(db, provinceId, cap.sender, cap.identifier);
  if (existing) return duplicate(db, existing);
  await checkCommunes(db, provinceId, cap);
  const target = cap.msgType === "Alert" ? null : await referencedRow(db, provinceId, cap);

  const id = newAlertId();
  const info = displayInfo(cap);
  const areas = info ? areasOf(info) : (target?.areas ?? []);
  const audience = [...new Set([...communeCodes(areas), ...(target ? communeCodes(target.areas) : [])])];
  const createdAt = r.now.toISOString();
  // A Cancel without an info block keeps what the alert said, so the ended alert still reads as itself.
  const display = info
    ? { ...displayOf(info), effective: toUtcIso(info.effective ?? cap.sent), expires: info.expires ? toUtcIso(info.expires) : null }
    : { ...displayOf(target!), effective: toUtcIso(cap.sent), expires: target!.expires };
  const inserted = sql`EXISTS (SELECT 1 FROM ${alerts} WHERE ${alerts.id} = ${id})`;
  const stillLatest = target ? sql`EXISTS (SELECT 1 FROM ${alerts} WHERE ${alerts.id} = ${target.id} AND ${alerts.supersededAt} IS NULL)` : sql`1`;
  const row = {
    id,
    provinceId,
    sender: cap.sender,
    identifier: cap.identifier,
    sent: toUtcIso(cap.sent),
    status: cap.status,
    msgType: cap.msgType,
    scope: cap.scope,
    references: cap.references ?? null,
    ...display,
    areas: JSON.stringify(areas),
    cap: JSON.stringify(cap),
    threadId: target?.threadId ?? id,
    author: r.author,
    createdAt,
  };
  const columns = Object.keys(row).map((k) => sql.identifier(alerts[k as keyof typeof row].name));
  const kind = cap.msgType === "Alert" ? "alert" : cap.msgType === "Update" ? "alert_update" : "alert_cancel";
  const broadcast = {
    provinceId,
    kind,
    subject: cap.identifier,
    params: { code: cap.identifier, alertId: id, headline: display.headline, instruction: display.instruction, severity: display.severity },
    audience: { communes: audience },
    createdAt,
    when: inserted,
  } as const;
  await db.batch([
    batchSql(
      db,
      sql`INSERT INTO ${alerts} (${sql.join(columns, sql`, `)})
      SELECT ${sql.join(
        Object.values(row).map((v) => sql`${v}`),
        sql`, `,
      )} WHERE ${stillLatest}
      ON CONFLICT DO NOTHING`,
    ),
    batchSql(
      db,
      sql`INSERT INTO alert_communes (alert_id, province_id, commune_code)
      SELECT ${id}, ${provinceId}, value FROM json_each(${JSON.stringify(audience)}) WHERE ${inserted}
      ON CONFLICT DO NOTHING`,
    ),
    ...(target
      ? [db.update(alerts).set({ supersededAt: createdAt }).where(sql`${alerts.id} = ${target.id} AND ${alerts.supersededAt} IS NULL AND ${inserted}`)]
      : []),
    ...(cap.status === "Actual" ? broadcastStatements(db, broadcast) : []),
  ] as unknown as Parameters<Db["batch"]>[0]);

  const [applied] = await db.select({ id: alerts.id }).from(alerts).where(eq(alerts.id, id));
  if (!applied) {
    // Lost a race: the same message arrived twice at once (a duplicate), or another message replaced the target.
    const again = await findMessage(db, provinceId, cap.sender, cap.identifier);
    if (again) return duplicate(db, again);
    throw superseded(target ?? cap);
  }
  const targeted = await targetedBy(db, provinceId, cap.identifier);
  if (cap.status === "Actual") {
    const outboxId = await broadcastOutboxId(db, broadcast);
    if (outboxId !== null) waitUntil(dispatchOutbox(env, [outboxId], { urgent: true }));
  }
  return { identifier: cap.identifier, outcome: "applied", targeted, id };
}

async function findMessage(db: Db, provinceId: string, sender: string, identifier: string) {
  const [row] = await db
    .select({ id: alerts.id, provinceId: alerts.provinceId, identifier: alerts.identifier, status: alerts.status })
    .from(alerts)
    .where(and(eq(alerts.provinceId, provinceId), eq(alerts.sender, sender), eq(alerts.identifier, identifier)));
  return row;
}

async function targetedBy(db: Db, provinceId: string, identifier: string): Promise<number> {
  const [row] = await db
    .select({ targeted: broadcasts.targeted })
    .from(broadcasts)
    .where(and(eq(broadcasts.provinceId, provinceId), eq(broadcasts.kind, "alert"), eq(broadcasts.subject, identifier)));
  return row?.targeted ?? 0;
}

async function duplicate(db: Db, row: { id: number; provinceId: string; identifier: string; status: string }): Promise<CapOutcome> {
  const targeted = row.status === "Actual" ? await targetedBy(db, row.provinceId, row.identifier) : 0;
  return { identifier: row.identifier, outcome: "duplicate", targeted, id: row.id };
}

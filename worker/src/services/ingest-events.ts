import { and, eq, inArray } from "drizzle-orm";
import { agencies, departments, dossiers, officers, provinces } from "../db/schema";
import { agencyBelongsTo } from "../domain/agency-province";
import { looksLikeDossierCode, normalizeDossierCode, parseDossierCode } from "../domain/dossier-code";
import type { StoredEvent } from "../domain/dossier-state";
import type { Db, IntegrationClient } from "../env";
import { DossierEventSchema, type EventResult, MAX_EVENTS_PER_DOSSIER } from "../schemas/events";
import { batchAll, chunks, selectEvents, selectSentEvents, toStoredEvent } from "./ingest-read";
import { figureFacts } from "./figures-dossiers";
import { conflict, type Reject, timelineFull } from "./ingest-outcomes";
import { type Accepted, writeAccepted } from "./ingest-write";
import { eventFingerprint, toStored, withNames } from "./stored-event";

export type IngestResult = {
  results: EventResult[];
  /** Outbox rows written with the events: messages to fan out to the dossiers' followers. */
  outboxIds: number[];
};

/** An event whose shape is valid, already in the form it would be stored in. */
type Parsed = { index: number; code: string; stored: StoredEvent; fingerprint: string; agencyId?: string; competentAgencyId?: string };

/**
 * Applies a batch of one-stop events. Each event gets its own outcome; the state of every dossier touched is
 * refolded from all its events in occurredAt order and written in the same db.batch as the events themselves,
 * together with the outbox rows of the messages they cause (so no event applies without its message, and no
 * message exists for an event that did not apply).
 */
export async function ingestEvents(
  db: Db,
  serverSecret: string,
  client: IntegrationClient,
  rawEvents: readonly Record<string, unknown>[],
  nowMs = Date.now(),
): Promise<IngestResult> {
  const results: EventResult[] = rawEvents.map((raw) => ({ id: typeof raw.id === "string" ? raw.id : null, outcome: "applied" }));
  const reject: Reject = (i, code, message, field, status = 422) => {
    results[i] = { id: results[i]!.id, outcome: "rejected", error: { code, message, ...(field ? { field } : {}), status } };
  };
  const parsed = await parseEvents(rawEvents, serverSecret, results, reject);
  if (parsed.length === 0) return { results, outboxIds: [] };
  const known = await loadKnown(db, client, parsed);
  const accepted = decide(parsed, known, client, results, reject);
  if (accepted.length === 0) return { results, outboxIds: [] };
  const outboxIds = await writeAccepted(db, client, accepted, known, results, reject, nowMs);
  return { results, outboxIds };
}

/** 1. The shape of each event on its own; an id repeated in the same request is a duplicate, or a conflict. */
async function parseEvents(rawEvents: readonly Record<string, unknown>[], serverSecret: string, results: EventResult[], reject: Reject) {
  const parsed: Parsed[] = [];
  const firstById = new Map<string, string>();
  for (const [i, raw] of rawEvents.entries()) {
    const result = DossierEventSchema.safeParse(raw);
    if (!result.success) {
      const issue = result.error.issues[0]!;
      const path = issue.path.map(String).join(".");
      const unknownType = issue.path[0] === "type" || (issue.code === "invalid_union" && path === "type");
      if (unknownType) reject(i, "unknown_event_type", `unknown event type ${JSON.stringify(raw.type)}`, `events.${i}.type`, 400);
      else reject(i, "invalid_event", `${path ? `${path}: ` : ""}${issue.message}`, `events.${i}${path ? `.${path}` : ""}`, 400);
      continue;
    }
    const event = result.data;
    if (!looksLikeDossierCode(event.dossierCode)) {
      reject(i, "invalid_event", "dossierCode: not a dossier code", `events.${i}.dossierCode`, 400);
      continue;
    }
    if (event.type === "dossier.received" && Date.parse(event.dueAt) < Date.parse(event.receivedAt)) {
      reject(i, "invalid_event", "dueAt must not be before receivedAt", `events.${i}.dueAt`, 400);
      continue;
    }
    const code = normalizeDossierCode(event.dossierCode);
    const stored = await toStored(event, code, serverSecret);
    const fingerprint = eventFingerprint(code, stored);
    const first = firstById.get(event.id);
    if (first !== undefined) {
      if (first === fingerprint) results[i] = { id: event.id, outcome: "duplicate" };
      else conflict(reject, i);
      continue;
    }
    firstById.set(event.id, fingerprint);
    const agencyId = event.type === "dossier.received" ? event.agencyId : undefined;
    const competentAgencyId = event.type === "dossier.refused" ? event.competentAgencyId : undefined;
    parsed.push({ index: i, code, stored, fingerprint, agencyId, competentAgencyId });
  }
  return parsed;
}

export type Known = Awaited<ReturnType<typeof loadKnown>>;

/**
 * 2. What is already known, in one round trip: the events seen before under these ids (to tell a retry from a
 * conflict), the dossiers and their events, the reference data the events name, and the client's province code.
 */
async function loadKnown(db: Db, client: IntegrationClient, parsed: Parsed[]) {
  const ids = parsed.map((p) => p.stored.eventId);
  const codes = [...new Set(parsed.map((p) => p.code))];
  const agencyIds = new Set<string>();
  const departmentIds = new Set<string>();
  const officerIds = new Set<string>();
  for (const { code, stored, agencyId, competentAgencyId } of parsed) {
    const fromCode = parseDossierCode(code)?.agencyId;
    if (fromCode) agencyIds.add(fromCode);
    if (agencyId) agencyIds.add(agencyId);
    if (competentAgencyId) agencyIds.add(competentAgencyId);
    if (stored.payload.departmentId) departmentIds.add(stored.payload.departmentId);
    if (stored.payload.officerId) officerIds.add(stored.payload.officerId);
  }
  const inProvince = <T extends typeof departments | typeof officers>(table: T, chunk: string[]) =>
    and(eq(table.provinceId, client.provinceId), inArray(table.id, chunk));

  const [seen, rows, events, agencyRows, departmentRows, officerRows, [province]] = await Promise.all([
    selectSentEvents(db, client.keyId, ids),
    batchAll(
      db,
      chunks(codes).map((chunk) =>
        db
          .select({ code: dossiers.code, provinceId: dossiers.provinceId, version: dossiers.version, ...figureFacts })
          .from(dossiers)
          .where(inArray(dossiers.code, chunk)),
      ),
    ),
    batchAll(
      db,
      chunks(codes).map((chunk) => selectEvents(db, chunk)),
    ),
    batchAll(
      db,
      chunks([...agencyIds]).map((chunk) => db.select({ id: agencies.id, provinceId: agencies.provinceId }).from(agencies).where(inArray(agencies.id, chunk))),
    ),
    batchAll(
      db,
      chunks([...departmentIds]).map((chunk) =>
        db.select({ id: departments.id, name: departments.name }).from(departments).where(inProvince(departments, chunk)),
      ),
    ),
    batchAll(
      db,
      chunks([...officerIds]).map((chunk) => db.select({ id: officers.id, name: officers.displayName }).from(officers).where(inProvince(officers, chunk))),
    ),
    db.select({ agencyCode: provinces.agencyCode }).from(provinces).where(eq(provinces.id, client.provinceId)),
  ]);

  const eventsByCode = new Map<string, { provinceId: string; events: StoredEvent[] }>();
  for (const e of events) {
    const entry = eventsByCode.get(e.dossierCode) ?? { provinceId: e.provinceId, events: [] };
    entry.events.push(toStoredEvent(e));
    eventsByCode.set(e.dossierCode, entry);
  }
  return {
    seenFingerprint: new Map(seen.map((r) => [r.eventId, eventFingerprint(r.dossierCode, toStoredEvent(r))])),
    dossierByCode: new Map(rows.map((r) => [r.code, r])),
    eventsByCode,
    agencyProvince: new Map(agencyRows.map((r) => [r.id, r.provinceId])),
    departmentName: new Map(departmentRows.map((r) => [r.id, r.name])),
    officerName: new Map(officerRows.map((r) => [r.id, r.name])),
    provinceUnit: province?.agencyCode ?? null,
  };
}

/** 3. Decide each event: duplicate, conflict, rejected, or accepted (to be stored and folded). */
function decide(parsed: Parsed[], known: Known, client: IntegrationClient, results: EventResult[], reject: Reject): Accepted[] {
  const { agencyProvince } = known;
  const accepted: Accepted[] = [];
  /** Intake events in this batch tell the agency of codes that do not follow the national format. */
  const intakeAgency = new Map(parsed.flatMap((p) => (p.agencyId ? [[p.code, p.agencyId] as const] : [])));
  const timelineLength = new Map([...known.eventsByCode].map(([code, entry]) => [code, entry.events.length]));
  for (const { index, code, stored, fingerprint, agencyId, competentAgencyId } of parsed) {
    const seen = known.seenFingerprint.get(stored.eventId);
    if (seen !== undefined) {
      if (seen === fingerprint) results[index] = { id: stored.eventId, outcome: "duplicate" };
      else conflict(reject, index);
      continue;
    }
    const existing = known.dossierByCode.get(code)?.provinceId ?? known.eventsByCode.get(code)?.provinceId;
    const codeAgency = parseDossierCode(code)?.agencyId;
    // A new code speaks for the agency it names: another province's code must not be claimed before its owner uses it.
    if (!existing && codeAgency && !agencyBelongsTo(codeAgency, known.provinceUnit)) {
      reject(index, "forbidden", `dossier code ${code} names agency ${codeAgency}, which belongs to another province`, `events.${index}.dossierCode`, 403);
      continue;
    }
    // In a province split by agency group, a new code goes to the database of its agency's group, with that group's key.
    if (!existing && codeAgency && client.keepsAgency && !client.keepsAgency(codeAgency)) {
      reject(
        index,
        "forbidden",
        `dossier code ${code} is kept in another database of the province: send it with the key of its agency group`,
        `events.${index}.dossierCode`,
        403,
      );
      continue;
    }
    const owner = existing ?? agencyProvince.get(codeAgency ?? "") ?? agencyProvince.get(intakeAgency.get(code) ?? "");
    if (!owner) {
      reject(
        index,
        "unknown_agency",
        "the dossier's agency is not known: PUT /v1/integration/agencies/{agencyId} before sending its dossiers",
        `events.${index}.dossierCode`,
      );
      continue;
    }
    if (owner !== client.provinceId) {
      reject(index, "forbidden", "this dossier belongs to another province", `events.${index}.dossierCode`, 403);
      continue;
    }
    if (agencyId) {
      const agencyOwner = agencyProvince.get(agencyId);
      if (!agencyOwner) {
        reject(index, "unknown_agency", `agency ${agencyId} is not known: PUT it first`, `events.${index}.agencyId`);
        continue;
      }
      if (agencyOwner !== client.provinceId) {
        reject(index, "forbidden", `agency ${agencyId} belongs to another province`, `events.${index}.agencyId`, 403);
        continue;
      }
    }
    if (competentAgencyId && !agencyProvince.has(competentAgencyId)) {
      reject(index, "unknown_agency", `agency ${competentAgencyId} is not known: PUT it first`, `events.${index}.competentAgencyId`);
      continue;
    }
    const receivedAt = receivedAtOf(code, known, accepted);
    if (stored.type === "dossier.due_changed" && receivedAt && stored.payload.dueAt! < receivedAt) {
      reject(index, "invalid_event", "dueAt must not be before the dossier's receivedAt", `events.${index}.dueAt`, 400);
      continue;
    }
    const length = timelineLength.get(code) ?? 0;
    if (length >= MAX_EVENTS_PER_DOSSIER) {
      timelineFull(reject, index);
      continue;
    }
    timelineLength.set(code, length + 1);
    accepted.push({ index, code, stored: withNames(stored, known.departmentName, known.officerName) });
  }
  return accepted;
}

/** When the dossier was received, from its stored intake or one accepted earlier in this request (UTC ISO). */
function receivedAtOf(code: string, known: Known, accepted: Accepted[]): string | undefined {
  const intake = (events: StoredEvent[]) => events.find((e) => e.type === "dossier.received")?.payload.receivedAt;
  return intake(known.eventsByCode.get(code)?.events ?? []) ?? intake(accepted.filter((a) => a.code === code).map((a) => a.stored));
}

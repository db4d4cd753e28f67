import type { BatchItem } from "drizzle-orm/batch";
import { and, eq, inArray } from "drizzle-orm";
import { agencies, departments, dossierEvents, dossiers, officers, outbox, procedures } from "../db/schema";
import { looksLikeDossierCode, normalizeDossierCode, parseDossierCode } from "../domain/dossier-code";
import { type DossierState, foldDossierEvents, type EventPayload, type StoredEvent } from "../domain/dossier-state";
import { type MessageContext, type PlannedMessage, plannedMessages, withContext } from "../domain/notifications";
import { toUtcIso } from "../domain/time";
import type { Db, IntegrationClient } from "../env";
import { type DossierEvent, DossierEventSchema, type EventResult } from "../schemas/events";
import { applicantFactorHash } from "../security/tokens";

/** D1 binds at most 100 parameters per statement. */
const IN_CHUNK = 90;

type Accepted = { index: number; code: string; stored: StoredEvent };

export type IngestResult = {
  results: EventResult[];
  /** Outbox rows written with the events: messages to fan out to the dossiers' followers. */
  outboxIds: number[];
};

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
  const outboxIds: number[] = [];
  const results: EventResult[] = rawEvents.map((raw) => ({
    id: typeof raw.id === "string" ? raw.id : null,
    outcome: "applied",
  }));
  const reject = (i: number, code: string, message: string, field?: string, status = 422) => {
    results[i] = { id: results[i]!.id, outcome: "rejected", error: { code, message, ...(field ? { field } : {}), status } };
  };

  // 1. Shape of each event on its own.
  const parsed: { index: number; event: DossierEvent; code: string }[] = [];
  const seenIds = new Set<string>();
  rawEvents.forEach((raw, i) => {
    const result = DossierEventSchema.safeParse(raw);
    if (!result.success) {
      const issue = result.error.issues[0]!;
      const path = issue.path.map(String).join(".");
      const unknownType = issue.path[0] === "type" || (issue.code === "invalid_union" && path === "type");
      if (unknownType) return reject(i, "unknown_event_type", `unknown event type ${JSON.stringify(raw.type)}`, `events.${i}.type`, 400);
      return reject(i, "invalid_event", `${path ? `${path}: ` : ""}${issue.message}`, `events.${i}${path ? `.${path}` : ""}`, 400);
    }
    const event = result.data;
    if (!looksLikeDossierCode(event.dossierCode)) {
      return reject(i, "invalid_event", "dossierCode: not a dossier code", `events.${i}.dossierCode`, 400);
    }
    if (seenIds.has(event.id)) {
      results[i] = { id: event.id, outcome: "duplicate" };
      return;
    }
    seenIds.add(event.id);
    parsed.push({ index: i, event, code: normalizeDossierCode(event.dossierCode) });
  });
  if (parsed.length === 0) return { results, outboxIds };

  // 2. What is already known, in one round trip: seen event ids, the dossiers and their events, reference data.
  const ids = parsed.map((p) => p.event.id);
  const codes = [...new Set(parsed.map((p) => p.code))];
  const agencyIds = new Set<string>();
  const departmentIds = new Set<string>();
  const officerIds = new Set<string>();
  /** Intake events in this batch tell the agency of codes that do not follow the national format. */
  const intakeAgency = new Map<string, string>();
  for (const { event, code } of parsed) {
    const fromCode = parseDossierCode(code)?.agencyId;
    if (fromCode) agencyIds.add(fromCode);
    if (event.type === "dossier.received") {
      agencyIds.add(event.agencyId);
      intakeAgency.set(code, event.agencyId);
    }
    if (event.type === "dossier.refused" && event.competentAgencyId) agencyIds.add(event.competentAgencyId);
    if ("departmentId" in event && event.departmentId) departmentIds.add(event.departmentId);
    if ("officerId" in event && event.officerId) officerIds.add(event.officerId);
  }

  const [seen, rows, events, agencyRows, departmentRows, officerRows] = await Promise.all([
    batchAll(
      db,
      chunks(ids).map((chunk) =>
        db
          .select({ eventId: dossierEvents.eventId })
          .from(dossierEvents)
          .where(and(eq(dossierEvents.clientId, client.keyId), inArray(dossierEvents.eventId, chunk))),
      ),
    ),
    batchAll(
      db,
      chunks(codes).map((chunk) =>
        db
          .select({ code: dossiers.code, provinceId: dossiers.provinceId, version: dossiers.version })
          .from(dossiers)
          .where(inArray(dossiers.code, chunk)),
      ),
    ),
    batchAll(db, chunks(codes).map((chunk) => selectEvents(db, chunk))),
    batchAll(
      db,
      chunks([...agencyIds]).map((chunk) =>
        db.select({ id: agencies.id, provinceId: agencies.provinceId }).from(agencies).where(inArray(agencies.id, chunk)),
      ),
    ),
    batchAll(
      db,
      chunks([...departmentIds]).map((chunk) =>
        db
          .select({ id: departments.id, name: departments.name })
          .from(departments)
          .where(and(eq(departments.provinceId, client.provinceId), inArray(departments.id, chunk))),
      ),
    ),
    batchAll(
      db,
      chunks([...officerIds]).map((chunk) =>
        db
          .select({ id: officers.id, name: officers.displayName })
          .from(officers)
          .where(and(eq(officers.provinceId, client.provinceId), inArray(officers.id, chunk))),
      ),
    ),
  ]);

  const seenIdSet = new Set(seen.map((r) => r.eventId));
  const dossierByCode = new Map(rows.map((r) => [r.code, r]));
  const agencyProvince = new Map(agencyRows.map((r) => [r.id, r.provinceId]));
  const departmentName = new Map(departmentRows.map((r) => [r.id, r.name]));
  const officerName = new Map(officerRows.map((r) => [r.id, r.name]));
  const eventsByCode = new Map<string, { provinceId: string; events: StoredEvent[] }>();
  for (const e of events) {
    const entry = eventsByCode.get(e.dossierCode) ?? { provinceId: e.provinceId, events: [] };
    entry.events.push(toStoredEvent(e));
    eventsByCode.set(e.dossierCode, entry);
  }

  // 3. Decide each event: duplicate, rejected, or accepted (then stored and folded).
  const accepted: Accepted[] = [];
  for (const { index, event, code } of parsed) {
    if (seenIdSet.has(event.id)) {
      results[index] = { id: event.id, outcome: "duplicate" };
      continue;
    }
    const owner =
      dossierByCode.get(code)?.provinceId ??
      eventsByCode.get(code)?.provinceId ??
      agencyProvince.get(parseDossierCode(code)?.agencyId ?? "") ??
      agencyProvince.get(intakeAgency.get(code) ?? "");
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
    if (event.type === "dossier.received") {
      const agencyOwner = agencyProvince.get(event.agencyId);
      if (!agencyOwner) {
        reject(index, "unknown_agency", `agency ${event.agencyId} is not known: PUT it first`, `events.${index}.agencyId`);
        continue;
      }
      if (agencyOwner !== client.provinceId) {
        reject(index, "forbidden", `agency ${event.agencyId} belongs to another province`, `events.${index}.agencyId`, 403);
        continue;
      }
      if (Date.parse(event.dueAt) < Date.parse(event.receivedAt)) {
        reject(index, "invalid_event", "dueAt must not be before receivedAt", `events.${index}.dueAt`, 400);
        continue;
      }
    }
    if (event.type === "dossier.refused" && event.competentAgencyId && !agencyProvince.has(event.competentAgencyId)) {
      reject(index, "unknown_agency", `agency ${event.competentAgencyId} is not known: PUT it first`, `events.${index}.competentAgencyId`);
      continue;
    }
    const stored = await toStored(event, code, serverSecret, departmentName, officerName);
    accepted.push({ index, code, stored });
  }
  if (accepted.length === 0) return { results, outboxIds };

  // 4. Write: per dossier, its new events and its refolded state. One batch for the request; if it fails, one
  //    batch per dossier so that a failing dossier does not hold back the others.
  const groups = new Map<string, Accepted[]>();
  for (const a of accepted) groups.set(a.code, [...(groups.get(a.code) ?? []), a]);
  const folded = [...groups].map(([code, items]) => foldGroup(code, items, eventsByCode.get(code)?.events ?? [], nowMs));
  const context = await messageContext(db, client.provinceId, folded);
  const plans = folded.map((f) => planDossierWrite(db, client, f, dossierByCode.get(f.code)?.version, context, nowMs));

  let outcomes: (WriteOutcome | null)[];
  try {
    outcomes = await runPlans(db, plans);
  } catch {
    outcomes = await Promise.all(plans.map((plan) => runPlans(db, [plan]).then((o) => o[0]!, () => null)));
  }

  const needsRepair: string[] = [];
  plans.forEach((plan, i) => {
    const outcome = outcomes[i];
    if (!outcome) {
      for (const item of plan.items)
        reject(item.index, "storage_error", "the event could not be stored; retry later", undefined, 503);
      return;
    }
    outcome.inserted.forEach((inserted, j) => {
      // Another request stored the same event id first: it is a duplicate, not a second application.
      if (!inserted) results[plan.items[j]!.index] = { id: plan.items[j]!.stored.eventId, outcome: "duplicate" };
    });
    if (!outcome.stateWritten) needsRepair.push(plan.code);
    outboxIds.push(...outcome.outboxIds);
  });
  for (const code of needsRepair) await refoldDossier(db, client.provinceId, code);
  return { results, outboxIds };
}

type WritePlan = { code: string; items: Accepted[]; statements: BatchItem<"sqlite">[]; hasState: boolean; messages: number };
type WriteOutcome = { inserted: boolean[]; stateWritten: boolean; outboxIds: number[] };

type Folded = { code: string; items: Accepted[]; state: DossierState | null; messages: PlannedMessage[] };

/** A dossier's events folded with the ones just accepted, and the messages they deserve. */
function foldGroup(code: string, items: Accepted[], known: StoredEvent[], nowMs: number): Folded {
  const added = items.map((i) => i.stored);
  const all = [...known, ...added];
  const state = foldDossierEvents(all);
  return { code, items, state, messages: state ? plannedMessages(code, all, added, state, nowMs) : [] };
}

/**
 * What messages say besides the event: the procedure's short name and the places they send the citizen to. Read at
 * once (two selects in parallel), and only when a batch has news to tell.
 */
async function messageContext(db: Db, provinceId: string, folded: Folded[]): Promise<Map<string, MessageContext>> {
  const news = folded.filter((f) => f.state && f.messages.length > 0);
  const context = new Map<string, MessageContext>();
  if (news.length === 0) return context;
  const procedureCodes = [...new Set(news.map((f) => f.state!.procedureCode))];
  const agencyIds = [...new Set(news.flatMap(({ state }) => (state!.competentAgencyId ? [state!.agencyId, state!.competentAgencyId] : [state!.agencyId])))];
  const [procedureRows, agencyRows] = await Promise.all([
    batchAll(
      db,
      chunks(procedureCodes).map((chunk) =>
        db
          .select({ code: procedures.code, name: procedures.name, shortName: procedures.shortName })
          .from(procedures)
          .where(and(eq(procedures.provinceId, provinceId), inArray(procedures.code, chunk))),
      ),
    ),
    batchAll(
      db,
      chunks(agencyIds).map((chunk) =>
        db.select({ id: agencies.id, name: agencies.name, address: agencies.address, phone: agencies.phone }).from(agencies).where(inArray(agencies.id, chunk)),
      ),
    ),
  ]);
  const procedureName = new Map(procedureRows.map((p) => [p.code, p.shortName ?? p.name]));
  const place = new Map(agencyRows.map((a) => [a.id, { name: a.name, address: a.address, phone: a.phone }]));
  for (const f of news) {
    const state = f.state!;
    context.set(f.code, {
      procedure: procedureName.get(state.procedureCode) ?? null,
      agency: place.get(state.agencyId) ?? null,
      competentAgency: state.competentAgencyId ? (place.get(state.competentAgencyId) ?? null) : null,
    });
  }
  return context;
}

function planDossierWrite(
  db: Db,
  client: IntegrationClient,
  folded: Folded,
  version: number | undefined,
  context: Map<string, MessageContext>,
  nowMs: number,
): WritePlan {
  const { code, items, state } = folded;
  const statements: BatchItem<"sqlite">[] = items.map(({ stored }) =>
    db
      .insert(dossierEvents)
      .values({
        clientId: client.keyId,
        eventId: stored.eventId,
        provinceId: client.provinceId,
        dossierCode: code,
        type: stored.type,
        occurredAt: stored.occurredAt,
        payload: stored.payload,
      })
      .onConflictDoNothing(),
  );
  if (state) statements.push(stateWrite(db, client.provinceId, code, state, version));
  const messages = folded.messages;
  const createdAt = new Date(nowMs).toISOString();
  for (const m of messages) {
    statements.push(
      db
        .insert(outbox)
        .values({
          dedupeKey: `event:${client.keyId}:${m.eventId}`,
          provinceId: client.provinceId,
          dossierCode: code,
          kind: m.kind,
          params: withContext(m.kind, m.params, context.get(code)),
          createdAt,
        })
        .onConflictDoNothing()
        .returning({ id: outbox.id }),
    );
  }
  return { code, items, statements, hasState: state !== null, messages: messages.length };
}

/** Writes a folded state: insert when new, otherwise update guarded by the version it was folded from. */
function stateWrite(db: Db, provinceId: string, code: string, state: DossierState, version: number | undefined) {
  if (version === undefined) {
    return db
      .insert(dossiers)
      .values({ code, provinceId, ...state, version: 1 })
      .onConflictDoNothing();
  }
  return db
    .update(dossiers)
    .set({ ...state, version: version + 1, updatedAt: new Date().toISOString() })
    .where(and(eq(dossiers.code, code), eq(dossiers.version, version)));
}

async function runPlans(db: Db, plans: WritePlan[]): Promise<WriteOutcome[]> {
  const statements = plans.flatMap((p) => p.statements);
  const raw = (await db.batch(statements as [BatchItem<"sqlite">, ...BatchItem<"sqlite">[]])) as unknown as D1Result[];
  let at = 0;
  return plans.map((plan) => {
    const inserted = plan.items.map(() => (raw[at++]?.meta.changes ?? 0) > 0);
    const stateWritten = plan.hasState ? (raw[at++]?.meta.changes ?? 0) > 0 : true;
    const outboxIds: number[] = [];
    for (let m = 0; m < plan.messages; m++) {
      const rows = raw[at++] as unknown as { id: number }[] | undefined;
      for (const row of rows ?? []) outboxIds.push(row.id);
    }
    return { inserted, stateWritten, outboxIds };
  });
}

/**
 * Another writer changed the dossier between our read and our write: refold from everything stored and write
 * again, guarded by the version just read. Converges because every writer stores its events before folding.
 */
export async function refoldDossier(db: Db, provinceId: string, code: string): Promise<void> {
  for (let attempt = 0; attempt < 8; attempt++) {
    const [rows, events] = await db.batch([
      db.select({ version: dossiers.version }).from(dossiers).where(eq(dossiers.code, code)),
      selectEvents(db, [code]),
    ]);
    const state = foldDossierEvents(events.map(toStoredEvent));
    if (!state) return;
    const [result] = (await db.batch([stateWrite(db, provinceId, code, state, rows[0]?.version)])) as unknown as D1Result[];
    if ((result?.meta.changes ?? 0) > 0) return;
  }
  throw new Error(`dossier ${code} kept changing while being refolded`);
}

function selectEvents(db: Db, codes: string[]) {
  return db
    .select({
      eventId: dossierEvents.eventId,
      provinceId: dossierEvents.provinceId,
      dossierCode: dossierEvents.dossierCode,
      type: dossierEvents.type,
      occurredAt: dossierEvents.occurredAt,
      payload: dossierEvents.payload,
    })
    .from(dossierEvents)
    .where(inArray(dossierEvents.dossierCode, codes));
}

function toStoredEvent(row: { eventId: string; type: string; occurredAt: string; payload: Record<string, unknown> }): StoredEvent {
  return { eventId: row.eventId, type: row.type as StoredEvent["type"], occurredAt: row.occurredAt, payload: row.payload as EventPayload };
}

/** The event as we keep it: UTC times, names resolved for the history, the ID number replaced by its keyed hash. */
async function toStored(
  event: DossierEvent,
  code: string,
  serverSecret: string,
  departmentName: Map<string, string>,
  officerName: Map<string, string>,
): Promise<StoredEvent> {
  const payload: EventPayload = {};
  const names = (departmentId?: string, officerId?: string) => {
    if (departmentId) {
      payload.departmentId = departmentId;
      const name = departmentName.get(departmentId);
      if (name) payload.departmentName = name;
    }
    if (officerId) {
      payload.officerId = officerId;
      const name = officerName.get(officerId);
      if (name) payload.officerName = name;
    }
  };
  switch (event.type) {
    case "dossier.received":
      payload.agencyId = event.agencyId;
      payload.procedureCode = event.procedureCode;
      payload.applicantName = event.applicant.name;
      payload.applicantFactorHash = await applicantFactorHash(serverSecret, code, event.applicant.idNumber.slice(-4));
      payload.receivedAt = toUtcIso(event.receivedAt);
      payload.dueAt = toUtcIso(event.dueAt);
      if (event.status) payload.status = event.status;
      if (event.note) payload.note = event.note;
      names(event.departmentId, event.officerId);
      break;
    case "dossier.assigned":
      names(event.departmentId, event.officerId);
      break;
    case "dossier.status_changed":
      payload.status = event.status;
      if (event.note) payload.note = event.note;
      break;
    case "dossier.supplement_requested":
      payload.documents = event.documents;
      payload.deadline = toUtcIso(event.deadline);
      if (event.note) payload.note = event.note;
      break;
    case "dossier.fee_requested":
      payload.amountVnd = event.amountVnd;
      if (event.note) payload.note = event.note;
      if (event.deadline) payload.deadline = toUtcIso(event.deadline);
      if (event.paymentUrl) payload.paymentUrl = event.paymentUrl;
      break;
    case "dossier.due_changed":
      payload.dueAt = toUtcIso(event.dueAt);
      payload.reason = event.reason;
      break;
    case "dossier.result_ready":
      if (event.note) payload.note = event.note;
      break;
    case "dossier.returned":
      break;
    case "dossier.refused":
      payload.reason = event.reason;
      if (event.competentAgencyId) payload.competentAgencyId = event.competentAgencyId;
      break;
    case "dossier.withdrawn":
    case "dossier.stopped":
      payload.reason = event.reason;
      break;
  }
  return { eventId: event.id, type: event.type, occurredAt: toUtcIso(event.occurredAt), payload };
}

function chunks<T>(items: T[], size = IN_CHUNK): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** Runs selects in one db.batch (one round trip) and concatenates their rows. */
async function batchAll<T>(db: Db, queries: { execute: () => Promise<T[]> }[]): Promise<T[]> {
  if (queries.length === 0) return [];
  const results = (await db.batch(queries as unknown as [BatchItem<"sqlite">, ...BatchItem<"sqlite">[]])) as unknown as T[][];
  return results.flat();
}


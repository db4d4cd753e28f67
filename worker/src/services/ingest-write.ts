import type { BatchItem } from "drizzle-orm/batch";
import { and, eq, inArray, sql } from "drizzle-orm";
import { agencies, dossierEvents, dossiers, outbox, procedures } from "../db/schema";
import { type DossierState, foldDossierEvents, type StoredEvent } from "../domain/dossier-state";
import { type MessageContext, type PlannedMessage, plannedMessages, withContext } from "../domain/notifications";
import type { Db, IntegrationClient } from "../env";
import { type EventResult, MAX_EVENTS_PER_DOSSIER } from "../schemas/events";
import type { Known } from "./ingest-events";
import { batchAll, chunks, selectEvents, selectSentEvents, toStoredEvent } from "./ingest-read";
import { conflict, type Reject, timelineFull } from "./ingest-outcomes";
import { dossierCounters, figureFacts } from "./figures-dossiers";
import { eventFingerprint } from "./stored-event";

/** An event that passed every check, at its index in the request, with its dossier's normalised code. */
export type Accepted = { index: number; code: string; stored: StoredEvent };

/**
 * 4. Write: per dossier, its new events and its refolded state. One batch for the request; if it fails, one batch
 * per dossier so that a failing dossier does not hold back the others. Returns the outbox rows written.
 */
export async function writeAccepted(
  db: Db,
  client: IntegrationClient,
  accepted: Accepted[],
  known: Known,
  results: EventResult[],
  reject: Reject,
  nowMs: number,
): Promise<number[]> {
  const groups = new Map<string, Accepted[]>();
  for (const a of accepted) groups.set(a.code, [...(groups.get(a.code) ?? []), a]);
  const folded = [...groups].map(([code, items]) => foldGroup(code, items, known.eventsByCode.get(code)?.events ?? [], nowMs));
  const context = await messageContext(db, client.provinceId, folded);
  const plans = folded.map((f) => planDossierWrite(db, client, f, known.dossierByCode.get(f.code), context, nowMs));

  let outcomes: (WriteOutcome | null)[];
  try {
    outcomes = await runPlans(db, plans);
  } catch {
    outcomes = await Promise.all(
      plans.map((plan) =>
        runPlans(db, [plan]).then(
          (o) => o[0]!,
          () => null,
        ),
      ),
    );
  }

  const outboxIds: number[] = [];
  const needsRepair = new Set<string>();
  const notInserted: Accepted[] = [];
  plans.forEach((plan, i) => {
    const outcome = outcomes[i];
    if (!outcome) {
      for (const item of plan.items) reject(item.index, "storage_error", "the event could not be stored; retry later", undefined, 503);
      return;
    }
    outcome.inserted.forEach((inserted, j) => {
      if (inserted) return;
      notInserted.push(plan.items[j]!);
      needsRepair.add(plan.code); // the state was folded with an event that is not stored
    });
    if (!outcome.stateWritten) needsRepair.add(plan.code);
    outboxIds.push(...outcome.outboxIds);
  });
  await explainNotInserted(db, client, notInserted, results, reject);
  for (const code of needsRepair) await refoldDossier(db, client.provinceId, code);
  return outboxIds;
}

/**
 * An event the batch did not insert lost a race: another request stored the same id first (a duplicate, or a
 * conflict when its content differs), or filled the dossier's timeline.
 */
async function explainNotInserted(db: Db, client: IntegrationClient, items: Accepted[], results: EventResult[], reject: Reject) {
  if (items.length === 0) return;
  const rows = await selectSentEvents(
    db,
    client.keyId,
    items.map((item) => item.stored.eventId),
  );
  const stored = new Map(rows.map((r) => [r.eventId, eventFingerprint(r.dossierCode, toStoredEvent(r))]));
  for (const item of items) {
    const fingerprint = stored.get(item.stored.eventId);
    if (fingerprint === undefined) timelineFull(reject, item.index);
    else if (fingerprint === eventFingerprint(item.code, item.stored)) results[item.index] = { id: item.stored.eventId, outcome: "duplicate" };
    else conflict(reject, item.index);
  }
}

type WritePlan = { code: string; items: Accepted[]; statements: BatchItem<"sqlite">[]; counters: number; hasState: boolean; messages: number };
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
  stored: Known["dossierByCode"] extends Map<string, infer R> ? R | undefined : never,
  context: Map<string, MessageContext>,
  nowMs: number,
): WritePlan {
  const { code, items, state } = folded;
  const version = stored?.version;
  // Each event is inserted only while the dossier's timeline has room: the count and the insert are one statement,
  // so concurrent requests cannot together push a dossier past the cap.
  const statements: BatchItem<"sqlite">[] = items.map(({ stored }) =>
    db
      .insert(dossierEvents)
      .select(
        sql`select null, ${client.keyId}, ${stored.eventId}, ${client.provinceId}, ${code}, ${stored.type}, ${stored.occurredAt}, ${JSON.stringify(stored.payload)}, strftime('%Y-%m-%dT%H:%M:%fZ','now')
            where (select count(*) from ${dossierEvents} where ${dossierEvents.dossierCode} = ${code}) < ${MAX_EVENTS_PER_DOSSIER}`,
      )
      .onConflictDoNothing(),
  );
  // The figures' counters move by the dossier's contribution before and after, under the state write's own
  // condition (placed before it in the batch): a write that loses the race moves no counter.
  const counters = state ? dossierCounters(db, client.provinceId, code, stored ?? null, state, version) : [];
  statements.push(...counters);
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
  return { code, items, statements, counters: counters.length, hasState: state !== null, messages: messages.length };
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
    at += plan.counters;
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
      db
        .select({ version: dossiers.version, ...figureFacts })
        .from(dossiers)
        .where(eq(dossiers.code, code)),
      selectEvents(db, [code]),
    ]);
    const state = foldDossierEvents(events.map(toStoredEvent));
    if (!state) return;
    const version = rows[0]?.version;
    const statements = [...dossierCounters(db, provinceId, code, rows[0] ?? null, state, version), stateWrite(db, provinceId, code, state, version)];
    const results = (await db.batch(statements as [BatchItem<"sqlite">, ...BatchItem<"sqlite">[]])) as unknown as D1Result[];
    if ((results.at(-1)?.meta.changes ?? 0) > 0) return;
  }
  throw new Error(`dossier ${code} kept changing while being refolded`);
}

import type { BatchItem } from "drizzle-orm/batch";
import { and, eq, inArray } from "drizzle-orm";
import { dossierEvents } from "../db/schema";
import type { EventPayload, StoredEvent } from "../domain/dossier-state";
import type { Db } from "../env";

/** D1 binds at most 100 parameters per statement. */
const IN_CHUNK = 90;

export function selectEvents(db: Db, codes: string[]) {
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

export function toStoredEvent(row: { eventId: string; type: string; occurredAt: string; payload: Record<string, unknown> }): StoredEvent {
  return { eventId: row.eventId, type: row.type as StoredEvent["type"], occurredAt: row.occurredAt, payload: row.payload as EventPayload };
}

export function chunks<T>(items: T[], size = IN_CHUNK): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** Runs selects in one db.batch (one round trip) and concatenates their rows. */
export async function batchAll<T>(db: Db, queries: { execute: () => Promise<T[]> }[]): Promise<T[]> {
  if (queries.length === 0) return [];
  const results = (await db.batch(queries as unknown as [BatchItem<"sqlite">, ...BatchItem<"sqlite">[]])) as unknown as T[][];
  return results.flat();
}

/** The events this client already sent under these ids (any dossier), chunked into one batch. */
export function selectSentEvents(db: Db, clientId: string, eventIds: string[]) {
  return batchAll(
    db,
    chunks(eventIds).map((chunk) =>
      db
        .select({
          eventId: dossierEvents.eventId,
          dossierCode: dossierEvents.dossierCode,
          type: dossierEvents.type,
          occurredAt: dossierEvents.occurredAt,
          payload: dossierEvents.payload,
        })
        .from(dossierEvents)
        .where(and(eq(dossierEvents.clientId, clientId), inArray(dossierEvents.eventId, chunk))),
    ),
  );
}

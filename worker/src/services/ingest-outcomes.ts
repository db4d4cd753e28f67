import { MAX_EVENTS_PER_DOSSIER } from "../schemas/events";

/** Marks event `index` of the request rejected, with its error (status: what it would be as a request of its own). */
export type Reject = (index: number, code: string, message: string, field?: string, status?: number) => void;

export function conflict(reject: Reject, index: number) {
  reject(
    index,
    "conflict",
    "this event id was sent before with different content; an event cannot change once sent: send a new event",
    `events.${index}.id`,
    409,
  );
}

export function timelineFull(reject: Reject, index: number) {
  reject(index, "timeline_full", `a dossier keeps at most ${MAX_EVENTS_PER_DOSSIER} events, and this one has them all`, `events.${index}.dossierCode`, 409);
}

import { z } from "@hono/zod-openapi";
import { Instant } from "./common";

const base = {
  id: z.string().min(1).max(128).openapi({
    description:
      "Unique per integration client. The same event sent again (same id, same content) is a `duplicate` and changes nothing; the same id with different content is rejected with `conflict` (409): events never change once sent.",
    example: "evt-2026-000123",
  }),
  occurredAt: Instant,
  dossierCode: z.string().trim().min(4).max(64).openapi({ example: "000.00.06.H56-261120-0007" }),
};
const text = (max: number) => z.string().trim().min(1).max(max);
const refId = z.string().trim().min(1).max(64);

export const DossierReceivedEvent = z
  .object({
    ...base,
    type: z.literal("dossier.received"),
    agencyId: refId,
    procedureCode: refId,
    applicant: z.object({
      name: text(200),
      idNumber: z
        .string()
        .trim()
        .regex(/^(\d{9}|\d{12})$/, { message: "must be a 12-digit citizen ID (CCCD) or a 9-digit ID card (CMND) number" })
        .openapi({ description: "Used only to derive the owner's last-4 factor; never stored", example: "038090001234" }),
      phone: z.string().trim().max(20).optional().openapi({ description: "Accepted for compatibility and not stored" }),
    }),
    receivedAt: Instant,
    dueAt: Instant,
    departmentId: refId.optional(),
    officerId: refId.optional(),
    status: z
      .union([z.literal(1), z.literal(2)])
      .optional()
      .openapi({ description: "1 for a dossier registered online and not yet accepted at the desk; default 2" }),
    note: text(2000).optional(),
  })
  .openapi("DossierReceivedEvent");

export const DossierAssignedEvent = z
  .object({ ...base, type: z.literal("dossier.assigned"), departmentId: refId, officerId: refId.optional() })
  .openapi("DossierAssignedEvent");

export const DossierStatusChangedEvent = z
  .object({ ...base, type: z.literal("dossier.status_changed"), status: z.number().int().min(1).max(10), note: text(2000).optional() })
  .openapi("DossierStatusChangedEvent");

export const DossierSupplementRequestedEvent = z
  .object({
    ...base,
    type: z.literal("dossier.supplement_requested"),
    documents: z.array(text(500)).min(1).max(50),
    deadline: Instant,
    note: text(2000).optional(),
  })
  .openapi("DossierSupplementRequestedEvent");

export const DossierFeeRequestedEvent = z
  .object({
    ...base,
    type: z.literal("dossier.fee_requested"),
    amountVnd: z.number().int().min(0).max(100_000_000_000),
    note: text(2000).optional(),
    deadline: Instant.optional().openapi({ description: "Pay by this time, if there is a time limit" }),
    paymentUrl: z
      .url({ protocol: /^https$/, message: "must be an https URL" })
      .max(2000)
      .optional()
      .openapi({ description: "The one-stop system's online payment page for this fee; shown to the owner as the main button" }),
  })
  .openapi("DossierFeeRequestedEvent");

export const DossierDueChangedEvent = z
  .object({
    ...base,
    type: z.literal("dossier.due_changed"),
    dueAt: Instant,
    reason: text(4000).openapi({ description: "The apology letter's text (phiếu xin lỗi), shown to the owner" }),
  })
  .openapi("DossierDueChangedEvent");

export const DossierResultReadyEvent = z
  .object({ ...base, type: z.literal("dossier.result_ready"), note: text(2000).optional() })
  .openapi("DossierResultReadyEvent");

export const DossierReturnedEvent = z.object({ ...base, type: z.literal("dossier.returned") }).openapi("DossierReturnedEvent");

const withReason = <T extends string>(type: T, name: string) => z.object({ ...base, type: z.literal(type), reason: text(4000) }).openapi(name);

export const DossierRefusedEvent = z
  .object({
    ...base,
    type: z.literal("dossier.refused"),
    reason: text(4000),
    competentAgencyId: refId
      .optional()
      .openapi({ description: "The agency competent for the matter (known reference data): where the citizen should go instead" }),
  })
  .openapi("DossierRefusedEvent");
export const DossierWithdrawnEvent = withReason("dossier.withdrawn", "DossierWithdrawnEvent");
export const DossierStoppedEvent = withReason("dossier.stopped", "DossierStoppedEvent");

export const DossierEventSchema = z
  .discriminatedUnion("type", [
    DossierReceivedEvent,
    DossierAssignedEvent,
    DossierStatusChangedEvent,
    DossierSupplementRequestedEvent,
    DossierFeeRequestedEvent,
    DossierDueChangedEvent,
    DossierResultReadyEvent,
    DossierReturnedEvent,
    DossierRefusedEvent,
    DossierWithdrawnEvent,
    DossierStoppedEvent,
  ])
  .openapi("DossierEvent");
export type DossierEvent = z.infer<typeof DossierEventSchema>;

export const MAX_EVENTS_PER_BATCH = 500;
/**
 * A dossier's timeline keeps at most this many events: a real dossier has a few dozen at most, and the owner view
 * shows them all. Events past it are rejected with `timeline_full` (409).
 */
export const MAX_EVENTS_PER_DOSSIER = 200;

/**
 * The envelope only requires 1–500 objects: each event is then validated on its own, so one bad event is
 * rejected in its result without blocking the others. The documented item schema is DossierEvent.
 */
export const EventBatchSchema = z
  .object({
    events: z
      .array(z.record(z.string(), z.unknown()).openapi({ $ref: "#/components/schemas/DossierEvent" } as never))
      .min(1)
      .max(MAX_EVENTS_PER_BATCH, { message: `at most ${MAX_EVENTS_PER_BATCH} events per request` }),
  })
  .openapi("EventBatch");

export const EventResultSchema = z
  .object({
    id: z.string().nullable(),
    outcome: z.enum(["applied", "duplicate", "rejected"]).openapi({
      description: "`rejected` carries the error; its `code` is e.g. invalid_event, unknown_agency, forbidden, conflict or timeline_full",
    }),
    error: z.object({ code: z.string(), message: z.string(), field: z.string().optional(), status: z.number().int().optional() }).optional(),
  })
  .openapi("EventResult");
export type EventResult = z.infer<typeof EventResultSchema>;

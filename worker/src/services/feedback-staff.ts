/**
 * What staff do with feedback: route it to an agency (the province admin for new feedback; the assigned agency's
 * staff to pass it on) and answer it. Each step is one conditional transition (services/feedback.ts), so two
 * officers acting at once cannot both win; the caller dispatches the returned outbox ids.
 */
import { and, eq } from "drizzle-orm";
import { agencies, feedback, type FeedbackStatus } from "../db/schema";
import type { Db } from "../env";
import { ApiError } from "../errors";
import { canSeeFeedback, ensureMoved, type FeedbackRecord, feedbackNotFound, loadFeedback, transition } from "./feedback";
import { stepCounters } from "./figures-feedback";
import type { StaffProfile } from "./staff";

export type FeedbackOutcome = { feedback: FeedbackRecord; outboxIds: number[] };

async function feedbackInCare(db: Db, p: StaffProfile, id: number): Promise<FeedbackRecord> {
  const found = await loadFeedback(db, id);
  if (!found || !canSeeFeedback(p, found.row)) throw feedbackNotFound();
  return found;
}

/** The statuses an officer may act from: the admin also on feedback nobody has routed yet. */
const actionableFrom = (p: StaffProfile): FeedbackStatus[] => (p.role === "province_admin" ? ["received", "assigned"] : ["assigned"]);

type Step = Omit<Parameters<typeof transition>[3], "id" | "from" | "extraWhere" | "counters">;

/** One step by an officer, from the statuses they may act from; anyone but the admin only on what is still with their agency. */
async function staffStep(db: Db, p: StaffProfile, found: FeedbackRecord, step: Step, now: Date): Promise<FeedbackOutcome> {
  const id = found.row.id;
  const extraWhere = p.role === "province_admin" ? undefined : eq(feedback.agencyId, found.row.agencyId!);
  const counters = stepCounters(db, found, step, now);
  const result = await transition(db, p.provinceId, found.row.citizenId, { id, from: actionableFrom(p), ...step, extraWhere, counters }, now);
  ensureMoved(result);
  return { feedback: (await loadFeedback(db, id))!, outboxIds: result.outboxIds };
}

export async function assignFeedback(db: Db, p: StaffProfile, id: number, to: { agencyId: string; note?: string }, now: Date): Promise<FeedbackOutcome> {
  const admin = p.role === "province_admin";
  const found = admin ? await loadFeedback(db, id) : await feedbackInCare(db, p, id);
  if (!found || found.row.provinceId !== p.provinceId) throw feedbackNotFound();
  const from = actionableFrom(p);
  if (!from.includes(found.row.status)) {
    throw new ApiError(
      409,
      "feedback_not_assignable",
      "Phản ánh đã được trả lời hoặc đã kết thúc, không chuyển được nữa.",
      undefined,
      `status is ${found.row.status}`,
    );
  }
  const [agency] = await db
    .select({ id: agencies.id, name: agencies.name })
    .from(agencies)
    .where(and(eq(agencies.id, to.agencyId), eq(agencies.provinceId, p.provinceId)))
    .limit(1);
  if (!agency) throw new ApiError(400, "unknown_agency", "Không tìm thấy cơ quan này trong tỉnh.", "agencyId");
  return staffStep(
    db,
    p,
    found,
    {
      to: "assigned",
      set: { agencyId: agency.id },
      history: { status: "assigned", at: "", agencyId: agency.id, note: `Chuyển đến ${agency.name}${to.note ? `: ${to.note}` : ""}` },
      message: { kind: "feedback_assigned", agencyName: agency.name },
    },
    now,
  );
}

export async function answerFeedback(db: Db, p: StaffProfile, id: number, text: string, now: Date): Promise<FeedbackOutcome> {
  const found = await feedbackInCare(db, p, id);
  const from = actionableFrom(p);
  if (!from.includes(found.row.status)) {
    throw new ApiError(409, "feedback_not_answerable", "Phản ánh này không ở trạng thái chờ trả lời.", undefined, `status is ${found.row.status}`);
  }
  return staffStep(
    db,
    p,
    found,
    {
      to: "answered",
      set: { answer: text, answeredAt: now.toISOString(), answeredBy: p.officerId },
      history: { status: "answered", at: "", note: null },
      message: { kind: "feedback_answered", agencyName: found.agencyName, officerName: p.displayName },
    },
    now,
  );
}

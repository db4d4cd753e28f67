import { z } from "@hono/zod-openapi";
import { FEEDBACK_STATUSES } from "../db/schema";
import { TEXT_LIMITS as L } from "../domain/limits";
import { FEEDBACK_CATEGORY_IDS, RATING_QUESTIONS } from "../domain/voice";
import { OwnerTokenQuery } from "./common";

const answerEnum = <Q extends (typeof RATING_QUESTIONS)[number]>(q: Q) =>
  z.enum(q.options.map((o) => o.value) as [Q["options"][number]["value"], ...Q["options"][number]["value"][]], {
    error: `Vui lòng chọn một câu trả lời cho câu hỏi “${q.label}”.`,
  });
const [timeVsLimit, extraVisits, agenciesCount, publiclyPosted, attitude, convenience, overall] = RATING_QUESTIONS;

export const RatingAnswersSchema = z.object({
  timeVsLimit: answerEnum(timeVsLimit).openapi({ description: "Computed by the server from the dossier's dates, never asked" }),
  extraVisits: answerEnum(extraVisits),
  agenciesCount: answerEnum(agenciesCount),
  publiclyPosted: answerEnum(publiclyPosted),
  attitude: answerEnum(attitude),
  convenience: answerEnum(convenience),
  overall: answerEnum(overall),
});

export const RatingBody = RatingAnswersSchema.extend({
  timeVsLimit: answerEnum(timeVsLimit).optional().openapi({
    description:
      "Not believed: whether the result came early, on time or late is computed from the dossier's dates (against the due date given at receipt), whatever a client sends. Accepted only so older clients keep working.",
  }),
  comment: z
    .string()
    .trim()
    .max(L.ratingComment.max, { message: `Góp ý tối đa ${L.ratingComment.max} ký tự.` })
    .optional(),
});

/** Rating with the proof of ownership in the body, so the token does not end up in access logs with the URL. */
export const RatingByTokenBody = RatingBody.extend({
  t: OwnerTokenQuery.shape.t.openapi({
    description: "The slip token (from the QR) or a view token (from unlock); without it the rating is refused (403)",
  }),
});

export const RatingSchema = z
  .object({ dossierCode: z.string(), answers: RatingAnswersSchema, comment: z.string().nullable(), createdAt: z.string() })
  .openapi("Rating");

const Option = z.object({ value: z.string(), label: z.string() });

export const RatingFormSchema = z
  .object({
    canRate: z.boolean(),
    reason: z.enum(["not_finished", "already_rated"]).nullable(),
    rating: RatingSchema.nullable(),
    questions: z
      .array(z.object({ id: z.string(), label: z.string(), options: z.array(Option) }))
      .openapi({ description: "What the citizen is asked, in order" }),
    known: z
      .array(z.object({ id: z.string(), label: z.string(), value: z.string(), valueLabel: z.string() }))
      .openapi({ description: "Answers the server computes and does not ask (the time against the due date, once the result is ready)" }),
  })
  .openapi("RatingForm");

const Bucket = z.object({
  total: z.number().int(),
  verySatisfied: z.number().int(),
  satisfied: z.number().int(),
  dissatisfied: z.number().int(),
  satisfactionRate: z.number().nullable().openapi({ description: "(very satisfied + satisfied) / total; null without ratings" }),
});

export const RatingSummarySchema = z
  .object({
    groupBy: z.enum(["agency", "department", "officer", "month"]),
    from: z.string().nullable(),
    to: z.string().nullable(),
    scope: z.enum(["province", "department", "officer"]),
    rows: z.array(Bucket.extend({ key: z.string().nullable(), name: z.string().nullable() })),
    total: Bucket,
  })
  .openapi("RatingSummary");

const Month = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, { message: "Tháng theo dạng yyyy-MM, ví dụ 2026-11." });
export const RatingSummaryQuery = z.object({
  groupBy: z.enum(["agency", "department", "officer", "month"], { error: "groupBy: agency, department, officer hoặc month." }).default("agency"),
  from: Month.optional().openapi({ example: "2026-01" }),
  to: Month.optional().openapi({ example: "2026-12" }),
});

export const QuestionBody = z.object({
  text: z
    .string({ error: "Vui lòng nhập câu hỏi." })
    .trim()
    .min(L.question.min, { message: `Câu hỏi quá ngắn (ít nhất ${L.question.min} ký tự).` })
    .max(L.question.max, { message: `Câu hỏi tối đa ${L.question.max} ký tự.` }),
});

const Answer = z.object({ text: z.string(), at: z.string(), officerName: z.string().nullable(), officerTitle: z.string().nullable() });

export const QuestionSchema = z
  .object({
    id: z.number().int(),
    text: z.string(),
    askedAt: z.string(),
    mine: z.boolean(),
    status: z.enum(["open", "answered"]),
    answer: Answer.nullable(),
  })
  .openapi("Question");

export const StaffQuestionSchema = z
  .object({
    id: z.number().int(),
    dossierCode: z.string(),
    procedureName: z.string().nullable(),
    text: z.string(),
    askedAt: z.string(),
    status: z.enum(["open", "answered"]),
    escalated: z.boolean(),
    escalateAt: z.string(),
    officer: z.object({ id: z.string(), name: z.string().nullable() }).nullable(),
    department: z.object({ id: z.string(), name: z.string().nullable() }).nullable(),
    answer: Answer.nullable(),
  })
  .openapi("StaffQuestion");

export const AnswerBody = z.object({
  text: z
    .string({ error: "Vui lòng nhập câu trả lời." })
    .trim()
    .min(L.answer.min, { message: `Câu trả lời quá ngắn (ít nhất ${L.answer.min} ký tự).` })
    .max(L.answer.max, { message: `Câu trả lời tối đa ${L.answer.max} ký tự.` }),
});

const Id = z.string().trim().min(1).max(64);
export const ReassignQuestionBody = z
  .object({ officerId: Id.optional(), departmentId: Id.optional() })
  .refine((b) => (b.officerId === undefined) !== (b.departmentId === undefined), {
    message: "Chọn một cán bộ hoặc một phòng để chuyển câu hỏi.",
  });

export const AssignFeedbackBody = z.object({
  agencyId: z.string({ error: "Vui lòng chọn cơ quan xử lý." }).trim().min(1, { message: "Vui lòng chọn cơ quan xử lý." }).max(64),
  note: z
    .string()
    .trim()
    .max(L.assignNote.max, { message: `Ghi chú tối đa ${L.assignNote.max} ký tự.` })
    .optional(),
});

export const ReopenBody = z.object({
  reason: z
    .string({ error: "Vui lòng cho biết vì sao vấn đề chưa được giải quyết." })
    .trim()
    .min(L.reopenReason.min, { message: `Vui lòng cho biết vì sao vấn đề chưa được giải quyết (ít nhất ${L.reopenReason.min} ký tự).` })
    .max(L.reopenReason.max, { message: `Nội dung tối đa ${L.reopenReason.max} ký tự.` }),
});

const flag = z.enum(["true", "false"]).default("false");
/** The text fields of the multipart form; photos (`photos`, up to 4 files) are checked by the route. */
export const FeedbackForm = z.object({
  category: z.enum(FEEDBACK_CATEGORY_IDS, { error: "Vui lòng chọn lĩnh vực phản ánh." }),
  text: z
    .string({ error: "Vui lòng nhập nội dung phản ánh." })
    .trim()
    .min(L.feedback.min, { message: `Nội dung phản ánh quá ngắn (ít nhất ${L.feedback.min} ký tự).` })
    .max(L.feedback.max, { message: `Nội dung phản ánh tối đa ${L.feedback.max} ký tự.` }),
  district: z.string().trim().max(64).optional().openapi({ description: "A commune or ward id from /feedback/options" }),
  anonymous: flag.openapi({ description: "Hide the sender's name from the public list" }),
  senderName: z
    .string()
    .trim()
    .max(L.senderName.max, { message: `Tên tối đa ${L.senderName.max} ký tự.` })
    .optional(),
  sharePlace: flag.openapi({ description: "The citizen chose to share the place: lat/lng are kept" }),
  lat: z.coerce.number({ error: "Vị trí không hợp lệ." }).min(-90).max(90).optional(),
  lng: z.coerce.number({ error: "Vị trí không hợp lệ." }).min(-180).max(180).optional(),
  placeLabel: z.string().trim().max(L.placeLabel.max).optional(),
  photos: z
    .any()
    .optional()
    .openapi({ type: "array", items: { type: "string", format: "binary" }, description: "0–4 JPEG, PNG or WebP, 5 MB each" }),
});

const Place = z.object({ lat: z.number(), lng: z.number(), label: z.string().nullable() });
const StaffPlace = Place.extend({ mapUrl: z.string().openapi({ description: "Google Maps at these coordinates (https)" }) });
const AnswerDueAt = z
  .string()
  .openapi({ format: "date-time", description: "When the agency's answer is due: 10 working days after it was received or last reopened" });
const Named = z.object({ id: z.string(), name: z.string().nullable() });
const HistoryEntry = z.object({ status: z.string(), at: z.string(), note: z.string().nullable() });

export const PublicFeedbackSchema = z
  .object({
    id: z.number().int(),
    reference: z.string().openapi({ example: "PA-000012" }),
    category: z.object({ id: z.string(), label: z.string() }),
    text: z.string(),
    district: Named.nullable(),
    place: Place.nullable().openapi({ description: "Always null here: the place a citizen shared is shown only to them and to the staff handling it" }),
    senderName: z.string().nullable(),
    photos: z.array(z.object({ url: z.string() })),
    status: z.enum(FEEDBACK_STATUSES),
    statusLabel: z.string(),
    agency: Named.nullable(),
    answer: z.object({ text: z.string(), at: z.string(), officerName: z.string().nullable() }).nullable(),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .openapi("PublicFeedback");

export const FeedbackSchema = PublicFeedbackSchema.extend({
  place: Place.nullable().openapi({ description: "The place the citizen chose to share, if they did" }),
  anonymous: z.boolean(),
  canReopen: z.boolean(),
  reopenUntil: z.string().nullable(),
  answerDueAt: AnswerDueAt,
  history: z.array(HistoryEntry),
  answerSatisfied: z.boolean().nullable().openapi({ description: "Whether the citizen said the answer satisfied them; null until they say" }),
  canRateAnswer: z.boolean().openapi({ description: "Answered (or closed with an answer) and not yet rated: PUT …/satisfaction" }),
}).openapi("Feedback");

export const StaffFeedbackSchema = PublicFeedbackSchema.extend({
  place: StaffPlace.nullable().openapi({ description: "The place the citizen chose to share, with a map link" }),
  anonymous: z.boolean(),
  answerDueAt: AnswerDueAt,
  history: z.array(HistoryEntry),
}).openapi("StaffFeedback");

export const FeedbackIdParam = z.object({
  id: z.coerce
    .number({ error: "Mã phản ánh không hợp lệ." })
    .int({ message: "Mã phản ánh không hợp lệ." })
    .positive({ message: "Mã phản ánh không hợp lệ." })
    .openapi({ param: { name: "id", in: "path" }, example: 12 }),
});

import { index, integer, primaryKey, sqliteTable, text } from "drizzle-orm/sqlite-core";

/** Where a count belongs: the province's agency, department and procedure on a day or in a month. */
const keyColumns = () => ({
  provinceId: text("province_id").notNull(),
  grain: text("grain").$type<"day" | "month">().notNull(),
  period: text("period").notNull(),
  agencyId: text("agency_id").notNull(),
  departmentId: text("department_id").notNull(),
  procedureCode: text("procedure_code").notNull(),
});

/**
 * The leaders' figures, kept as counters so a dashboard reads a handful of index ranges instead of a million
 * dossiers. Every change to a dossier, rating or feedback adds its delta here in the same db.batch as the change
 * (domain/figures.ts says what each counts); `npm run figures:rebuild` recomputes them from the raw tables.
 *
 * A row per (province, grain, period, agency, department, procedure): `grain` "day" with period yyyy-MM-dd, and
 * "month" with yyyy-MM, both in Asia/Ho_Chi_Minh, so any date range is its edge days plus whole months. No department
 * or procedure (feedback has neither; a dossier not yet assigned) is the empty string, never null, so the key is
 * unique.
 */
export const figureCounts = sqliteTable(
  "figure_counts",
  {
    ...keyColumns(),
    completed: integer("completed").notNull().default(0),
    completedOnTime: integer("completed_on_time").notNull().default(0),
    completedEarly: integer("completed_early").notNull().default(0),
    ratings: integer("ratings").notNull().default(0),
    satisfied: integer("satisfied").notNull().default(0),
    feedbackReceived: integer("feedback_received").notNull().default(0),
    feedbackAnswered: integer("feedback_answered").notNull().default(0),
    feedbackAnsweredOnTime: integer("feedback_answered_on_time").notNull().default(0),
    feedbackRated: integer("feedback_rated").notNull().default(0),
    feedbackSatisfied: integer("feedback_satisfied").notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.provinceId, t.grain, t.period, t.agencyId, t.departmentId, t.procedureCode] })],
);

/**
 * Dossiers still open (not completed, refused, withdrawn or stopped) by when they are due: per VN due day (grain
 * "day", yyyy-MM-dd) and due month (grain "month", yyyy-MM), as the counts are. Overdue now is the sum over the due
 * days before today, read as whole months and edge days.
 */
export const figureOpenDue = sqliteTable(
  "figure_open_due",
  {
    ...keyColumns(),
    open: integer("open").notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.provinceId, t.grain, t.period, t.agencyId, t.departmentId, t.procedureCode] })],
);

/**
 * The citizen's "Ông/bà có hài lòng với trả lời này không?" after a feedback's answer: once per feedback (the id is
 * the key, so of two answers at once one is stored). Nothing personal: a feedback id and a yes or no. When a citizen
 * erases their data their feedback goes and the rebuild stops counting these (it reads them joined to the feedback).
 */
export const feedbackAnswerRatings = sqliteTable(
  "feedback_answer_ratings",
  {
    feedbackId: integer("feedback_id").primaryKey(),
    provinceId: text("province_id").notNull(),
    satisfied: integer("satisfied", { mode: "boolean" }).notNull(),
    ratedAt: text("rated_at").notNull(),
  },
  (t) => [index("feedback_answer_ratings_province_idx").on(t.provinceId, t.ratedAt)],
);

import { z } from "@hono/zod-openapi";
import { isCalendarDay } from "../domain/time";

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;
const isDay = (v: string) => {
  const m = DAY.exec(v);
  return m !== null && isCalendarDay(Number(m[1]), Number(m[2]), Number(m[3]));
};
const Day = (name: "from" | "to") =>
  z
    .string()
    .refine(isDay, { message: `${name}: ngày theo dạng yyyy-MM-dd, ví dụ 2026-01-31 (${name} must be a calendar day YYYY-MM-DD).` })
    .optional()
    .openapi({ format: "date", example: name === "from" ? "2026-01-01" : "2026-12-31" });

const Id = (name: string) =>
  z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9.\-_]{1,64}$/, { message: `${name}: mã không hợp lệ (${name} is not an identifier).` })
    .optional();

export const FIGURE_GROUPINGS = ["agency", "department", "procedure", "month"] as const;
export type FigureGrouping = (typeof FIGURE_GROUPINGS)[number];

const range = <T extends { from?: string; to?: string }>(q: T) => !q.from || !q.to || q.from <= q.to;
const rangeIssue = { message: "from phải không sau to (from must not be after to).", path: ["from"] };

export const FiguresQuery = z
  .object({
    groupBy: z
      .enum(FIGURE_GROUPINGS, { error: "groupBy: agency, department, procedure hoặc month (groupBy must be agency, department, procedure or month)." })
      .default("agency"),
    from: Day("from"),
    to: Day("to"),
    agencyId: Id("agencyId").openapi({ description: "Only this agency" }),
    departmentId: Id("departmentId").openapi({ description: "Only this department" }),
  })
  .refine(range, rangeIssue);
export type FiguresQueryInput = z.infer<typeof FiguresQuery>;

export const PublicFiguresQuery = z
  .object({
    groupBy: z.enum(["agency", "month"], { error: "groupBy: agency hoặc month." }).default("agency"),
    from: Day("from"),
    to: Day("to"),
  })
  .refine(range, rangeIssue);

const Rate = z.number().min(0).max(1).nullable().openapi({ description: "A fraction 0–1; null when its denominator is 0", example: 0.915 });

export const FigureGroupSchema = z
  .object({
    key: z.string().openapi({ description: "The agency, department or procedure id (empty: none), or the month yyyy-MM", example: "000.00.06.H56" }),
    name: z.string(),
    completed: z.number().int(),
    completedOnTime: z.number().int(),
    completedEarly: z.number().int(),
    completedLate: z.number().int(),
    onTimeRate: Rate,
    overdueNow: z.number().int().openapi({ description: "Open now, due on a day in the range that has passed" }),
    ratings: z.number().int(),
    satisfied: z.number().int().openapi({ description: "Overall: satisfied or very satisfied" }),
    satisfactionRate: Rate,
    feedbackReceived: z.number().int(),
    feedbackAnswered: z.number().int(),
    feedbackAnsweredOnTime: z.number().int(),
    feedbackRated: z.number().int(),
    feedbackSatisfied: z.number().int(),
    feedbackSatisfactionRate: Rate,
  })
  .openapi("FigureGroup");
export type FigureGroup = z.infer<typeof FigureGroupSchema>;

export const FiguresSchema = z
  .object({
    from: z.string().openapi({ format: "date", example: "2025-12-01" }),
    to: z.string().openapi({ format: "date", example: "2026-12-03" }),
    groupBy: z.enum(FIGURE_GROUPINGS),
    groups: z.array(FigureGroupSchema),
    total: FigureGroupSchema,
  })
  .openapi("Figures");
export type Figures = z.infer<typeof FiguresSchema>;

export const StaffFiguresSchema = FiguresSchema.extend({
  scope: z.object({
    level: z.enum(["province", "department"]),
    agencyId: z.string().optional(),
    departmentId: z.string().optional(),
  }),
}).openapi("StaffFigures");

export const SatisfactionBody = z.object({
  satisfied: z.boolean({ error: "Vui lòng chọn có hoặc không." }),
});

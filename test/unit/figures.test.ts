import { describe, expect, it } from "vitest";
import {
  completion,
  contributionDelta,
  type DossierFacts,
  dossierContribution,
  feedbackContribution,
  isOpen,
  percentVi,
  rate,
  ratingContribution,
} from "../../worker/src/domain/figures";
import { monthsOf, rangeSegments, resolveRange } from "../../worker/src/domain/figures-range";
import { figuresCsv } from "../../worker/src/services/figures-csv";
import { toGroup, zeroCounts } from "../../worker/src/services/figures";

const base: DossierFacts = {
  agencyId: "000.00.06.H56",
  departmentId: "tp",
  procedureCode: "1.000894",
  status: 4,
  dueAt: "2026-03-10T10:00:00.000Z", // 17:00 on 10/03 in Vietnam
  completedAt: null,
  timeline: [{ type: "dossier.received", dueAt: "2026-03-10T10:00:00.000Z" }],
};
const done = (completedAt: string, extra: Partial<DossierFacts> = {}): DossierFacts => ({ ...base, status: 10, completedAt, ...extra });
const moved = [...base.timeline, { type: "dossier.due_changed", previousDueAt: base.dueAt, dueAt: "2026-03-20T10:00:00.000Z" }];

describe("a dossier's completion", () => {
  it("is early before the due day, on time on it (Vietnam's calendar day), late after", () => {
    expect(completion(done("2026-03-09T09:00:00.000Z"))).toEqual({ day: "2026-03-09", onTime: true, early: true });
    // 23:30 on 10/03 in Vietnam is still the due day, though it is the 10th at 16:30 UTC.
    expect(completion(done("2026-03-10T16:30:00.000Z"))).toEqual({ day: "2026-03-10", onTime: true, early: false });
    // 00:30 on 11/03 in Vietnam is the day after, though UTC still says the 10th.
    expect(completion(done("2026-03-10T17:30:00.000Z"))).toEqual({ day: "2026-03-11", onTime: false, early: false });
  });

  it("is late whenever its due date was moved, even when it beats the new date or the old one", () => {
    expect(completion(done("2026-03-05T03:00:00.000Z", { dueAt: "2026-03-20T10:00:00.000Z", timeline: moved }))).toMatchObject({ onTime: false, early: false });
  });

  it("is open until completed, refused, withdrawn or stopped; an online registration is not open yet", () => {
    expect(isOpen(base)).toBe(true);
    for (const status of [1, 3, 7, 8]) expect(isOpen({ ...base, status })).toBe(false);
    // Back to processing after a result: it was completed, it stays completed.
    expect(isOpen({ ...base, status: 4, completedAt: "2026-03-09T09:00:00.000Z" })).toBe(false);
  });
});

describe("contributions and deltas", () => {
  it("a dossier counts its completion on its day, or its open due day", () => {
    expect(dossierContribution(base)).toEqual({
      counts: [],
      open: [{ agencyId: base.agencyId, departmentId: "tp", procedureCode: "1.000894", dueDay: "2026-03-10", open: 1 }],
    });
    expect(dossierContribution(done("2026-03-09T09:00:00.000Z", { departmentId: null })).counts).toEqual([
      {
        agencyId: base.agencyId,
        departmentId: "",
        procedureCode: "1.000894",
        day: "2026-03-09",
        counts: { completed: 1, completedOnTime: 1, completedEarly: 1 },
      },
    ]);
  });

  it("a change writes only the difference: reassignment moves counts, a change that moves nothing writes nothing", () => {
    const a = done("2026-03-09T09:00:00.000Z");
    expect(contributionDelta(dossierContribution(a), dossierContribution({ ...a, timeline: [...a.timeline, { type: "dossier.assigned" }] }))).toEqual({
      counts: [],
      open: [],
    });
    const delta = contributionDelta(dossierContribution(a), dossierContribution({ ...a, departmentId: "kt" }));
    expect(delta.counts.map((e) => [e.departmentId, e.counts.completed])).toEqual([
      ["tp", -1],
      ["kt", 1],
    ]);
    const closing = contributionDelta(dossierContribution(base), dossierContribution(done("2026-03-12T02:00:00.000Z")));
    expect(closing.open).toEqual([expect.objectContaining({ dueDay: "2026-03-10", open: -1 })]);
    expect(closing.counts).toEqual([expect.objectContaining({ day: "2026-03-12", counts: { completed: 1, completedOnTime: 0, completedEarly: 0 } })]);
  });

  it("a rating counts satisfied for satisfied and very satisfied, on its Vietnamese day", () => {
    const r = { agencyId: "a", departmentId: null, procedureCode: "p", createdAt: "2026-03-31T18:00:00.000Z" };
    expect(ratingContribution({ ...r, overall: "very_satisfied" }).counts[0]).toMatchObject({ day: "2026-04-01", counts: { ratings: 1, satisfied: 1 } });
    expect(ratingContribution({ ...r, overall: "dissatisfied" }).counts[0]!.counts).toEqual({ ratings: 1, satisfied: 0 });
  });

  it("feedback: received, first answer within 10 working days (a second answer after reopening does not move it), rated", () => {
    // Received on Saturday 07/03 10:00 in Vietnam: ten working days end on Friday 20/03 10:00.
    const createdAt = "2026-03-07T03:00:00.000Z";
    const f = (answeredAt: string) => ({
      agencyId: "a",
      createdAt,
      history: [
        { status: "received", at: createdAt },
        { status: "answered", at: answeredAt },
        { status: "reopened", at: "2026-03-25T03:00:00.000Z" },
        { status: "answered", at: "2026-04-20T03:00:00.000Z" },
      ],
      answerRating: { satisfied: true, ratedAt: "2026-04-21T03:00:00.000Z" },
    });
    expect(feedbackContribution(f("2026-03-20T03:00:00.000Z")).counts).toEqual([
      { agencyId: "a", departmentId: "", procedureCode: "", day: "2026-03-07", counts: { feedbackReceived: 1 } },
      { agencyId: "a", departmentId: "", procedureCode: "", day: "2026-03-20", counts: { feedbackAnswered: 1, feedbackAnsweredOnTime: 1 } },
      { agencyId: "a", departmentId: "", procedureCode: "", day: "2026-04-21", counts: { feedbackRated: 1, feedbackSatisfied: 1 } },
    ]);
    expect(feedbackContribution(f("2026-03-20T03:00:01.000Z")).counts[1]!.counts).toEqual({ feedbackAnswered: 1, feedbackAnsweredOnTime: 0 });
  });
});

describe("ranges", () => {
  const now = new Date("2026-12-02T18:30:00.000Z"); // 01:30 on 03/12/2026 in Vietnam

  it("default to today in Vietnam back to the first of the month twelve months before", () => {
    expect(resolveRange({}, now)).toEqual({ from: "2025-12-01", to: "2026-12-03" });
    expect(resolveRange({ to: "2026-03-31" }, now)).toEqual({ from: "2025-03-01", to: "2026-03-31" });
  });

  it("split into whole months and edge days", () => {
    expect(rangeSegments({ from: "2025-12-01", to: "2026-12-03" })).toEqual({
      months: { from: "2025-12", to: "2026-11" },
      days: [{ from: "2026-12-01", to: "2026-12-03" }],
    });
    expect(rangeSegments({ from: "2026-01-15", to: "2026-04-30" })).toEqual({
      months: { from: "2026-02", to: "2026-04" },
      days: [{ from: "2026-01-15", to: "2026-01-31" }],
    });
    expect(rangeSegments({ from: "2024-02-10", to: "2024-02-29" })).toEqual({ months: null, days: [{ from: "2024-02-10", to: "2024-02-29" }] });
    expect(rangeSegments({ from: "2026-01-31", to: "2026-03-01" })).toEqual({
      months: { from: "2026-02", to: "2026-02" },
      days: [
        { from: "2026-01-31", to: "2026-01-31" },
        { from: "2026-03-01", to: "2026-03-01" },
      ],
    });
    expect(monthsOf({ from: "2025-11-20", to: "2026-02-01" })).toEqual(["2025-11", "2025-12", "2026-01", "2026-02"]);
  });
});

describe("rates and the CSV", () => {
  it("rates are fractions to four decimals, null on nothing; the CSV says percentages with one decimal and a comma", () => {
    expect(rate(2, 3)).toBe(0.6667);
    expect(rate(0, 0)).toBeNull();
    expect(percentVi(0.915)).toBe("91,5");
    expect(percentVi(1)).toBe("100,0");
    expect(percentVi(null)).toBe("");
  });

  it("the CSV has a BOM, quotes what needs it and defuses formulas", () => {
    const counts = { ...zeroCounts(), completed: 3, completedOnTime: 2 };
    const csv = figuresCsv({
      from: "2026-01-01",
      to: "2026-01-31",
      groupBy: "agency",
      groups: [toGroup("a", 'UBND xã "Hạc Thành", Thanh Hóa', counts, 1), toGroup("b", "=HYPERLINK()", zeroCounts(), 0)],
      total: toGroup("total", "Tổng cộng", counts, 1),
    });
    const lines = csv.split("\r\n");
    expect(lines[0]!.startsWith("\uFEFFCơ quan,Mã,")).toBe(true);
    expect(lines[1]).toBe('"UBND xã ""Hạc Thành"", Thanh Hóa",a,3,2,0,1,"66,7",1,0,0,,0,0,0,0,0,');
    expect(lines[2]!.startsWith("'=HYPERLINK(),b,0,0,0,0,,0")).toBe(true);
    expect(lines[3]).toBe('Tổng cộng,,3,2,0,1,"66,7",1,0,0,,0,0,0,0,0,');
  });
});

/**
 * The demo dossiers: 60+ stories over the demo agencies and procedures, told as the integration events a
 * one-stop system would have sent. Times are relative to `now` and all in the past; codes, names, ID numbers and
 * event ids are deterministic, so seeding twice on the same day sends the same events (all `duplicate`). Another
 * demo province tells its own rows the same way (`storyDossiers`).
 */
import type { StatusCode } from "../../worker/src/domain/status";
import { addWorkingDays, codeDate, type Day, latestWorkingDay, vnDayOf, vnIso } from "./calendar";
import { type Applicant, applicantFor, seededRandom } from "./people";
import { storyOf } from "./procedure-stories";
import { procedureByCode } from "./procedures";
import { DEMO_AGENCIES, type DemoAgency, type DemoOfficer, departmentId, officersOf, PROVINCIAL_CENTRE_ID } from "./province";
import { dueIso, plotStory, type StoryKind, timeSteps } from "./story-plot";
import type { DemoEvent } from "./types";

export { apologyLetter, type ApologyFacts, type StoryKind } from "./story-plot";

/** What each story ends as, and how it reads in one line. */
const KINDS: Record<StoryKind, { status: StatusCode; text: string }> = {
  online: { status: 1, text: "nộp trực tuyến, đang chờ Bộ phận một cửa kiểm tra và tiếp nhận" },
  received: { status: 2, text: "vừa được tiếp nhận, chưa phân công cán bộ thụ lý" },
  assigned: { status: 2, text: "đã tiếp nhận và phân công cán bộ thụ lý" },
  processing: { status: 4, text: "đang xử lý, còn trong hạn" },
  overdue: { status: 4, text: "quá hạn xử lý, chưa có phiếu xin lỗi" },
  apology_open: { status: 4, text: "trễ hẹn nên có phiếu xin lỗi và ngày hẹn trả mới" },
  supplement_done: { status: 4, text: "đã bổ sung giấy tờ, đang xử lý tiếp" },
  supplement: { status: 5, text: "cần bổ sung giấy tờ (có danh sách giấy tờ thiếu và hạn bổ sung)" },
  fee: { status: 6, text: "chờ thực hiện nghĩa vụ tài chính (có số tiền phải nộp)" },
  ready_early: { status: 9, text: "có kết quả sớm {n} ngày so với ngày hẹn, chờ đến nhận" },
  ready_ontime: { status: 9, text: "có kết quả đúng ngày hẹn, chờ đến nhận" },
  ready_late: { status: 9, text: "có kết quả nhưng trễ hẹn {n} ngày" },
  apology_ready: { status: 9, text: "trễ hẹn, có phiếu xin lỗi; đã có kết quả trước ngày hẹn mới" },
  returned_early: { status: 10, text: "đã trả kết quả, sớm {n} ngày so với ngày hẹn" },
  returned_late: { status: 10, text: "đã trả kết quả nhưng trễ hẹn {n} ngày" },
  returned_apology: { status: 10, text: "trễ hẹn, có phiếu xin lỗi; đã trả kết quả theo ngày hẹn mới" },
  fee_paid_returned: { status: 10, text: "đã nộp nghĩa vụ tài chính và nhận kết quả" },
  refused: { status: 3, text: "không được tiếp nhận, có nêu lý do" },
  withdrawn: { status: 7, text: "công dân đã rút hồ sơ, có nêu lý do" },
  stopped: { status: 8, text: "dừng xử lý, có nêu lý do" },
};

/** [story, procedure code, agency prefix, received this many working days before the demo's today, story parameter]. */
export type StoryRow = [StoryKind, string, string, number, number?];

const ROWS: StoryRow[] = [
  ["online", "1.001193", "ht", 0],
  ["online", "1.012806", "hcc", 1],
  ["online", "2.000720", "ss", 0],
  ["online", "2.000488", "hcc", 0],
  ["received", "1.009994", "ht", 0],
  ["received", "1.012790", "tx", 0],
  ["received", "2.001892", "hcc", 1],
  ["assigned", "1.000894", "ns", 0],
  ["assigned", "1.012806", "ss", 1],
  ["assigned", "1.004551", "hcc", 1],
  ["processing", "1.012790", "ht", 8],
  ["processing", "1.009994", "ss", 5],
  ["processing", "2.001892", "hcc", 40],
  ["processing", "2.002402", "tx", 12],
  ["processing", "2.000488", "hcc", 3],
  ["processing", "1.004222", "ns", 2],
  ["overdue", "1.012806", "hcc", 13],
  ["overdue", "1.009994", "tx", 17],
  ["overdue", "1.000894", "ht", 7],
  ["overdue", "2.000488", "hcc", 12],
  ["apology_open", "1.012790", "ss", 24, 6],
  ["apology_open", "2.002402", "ht", 33, 10],
  ["apology_open", "1.012812", "ns", 17, 3],
  ["supplement_done", "1.004551", "hcc", 10],
  ["supplement_done", "1.012806", "tx", 4],
  ["supplement", "1.000894", "ss", 2],
  ["supplement", "1.012790", "ns", 6],
  ["supplement", "1.009994", "ht", 4],
  ["supplement", "2.001892", "hcc", 20],
  ["supplement", "1.004222", "tx", 1],
  ["supplement", "2.000720", "ns", 1],
  ["fee", "1.012806", "ht", 6],
  ["fee", "1.012790", "tx", 14],
  ["fee", "1.011519", "ss", 0],
  ["fee", "1.012812", "ht", 9],
  ["fee", "1.004551", "hcc", 5],
  ["ready_early", "1.012806", "hcc", 6, 0],
  ["ready_early", "1.009994", "ns", 10, 1],
  ["ready_early", "1.000894", "tx", 1, 0],
  ["ready_early", "2.000488", "hcc", 5, 1],
  ["ready_ontime", "1.012790", "ht", 20],
  ["ready_late", "1.009994", "ss", 18, 1],
  ["ready_late", "2.000720", "ht", 6, 0],
  ["apology_ready", "1.012806", "ss", 16, 6],
  ["returned_early", "1.000894", "ht", 12, 3],
  ["returned_early", "1.001193", "ns", 3],
  ["returned_early", "2.000815", "tx", 2],
  ["returned_early", "1.012790", "ss", 35, 5],
  ["returned_early", "1.011519", "ht", 4],
  ["returned_early", "2.000488", "hcc", 20, 3],
  ["returned_early", "1.004551", "hcc", 45, 4],
  ["returned_early", "1.000656", "tx", 7],
  ["returned_late", "1.012806", "tx", 25, 3],
  ["returned_late", "1.009994", "ht", 30, 2],
  ["returned_apology", "1.012790", "ht", 40, 10],
  ["returned_apology", "2.002402", "ss", 50, 15],
  ["fee_paid_returned", "1.012812", "tx", 22],
  ["fee_paid_returned", "1.011519", "ns", 5],
  ["fee_paid_returned", "2.000720", "ss", 8],
  ["refused", "1.009994", "ns", 3],
  ["refused", "2.002402", "tx", 6],
  ["refused", "1.011519", "ht", 1],
  ["refused", "2.000815", "ss", 2],
  ["withdrawn", "1.012806", "ns", 8],
  ["withdrawn", "1.012790", "ht", 15],
  ["withdrawn", "2.000488", "hcc", 2],
  ["stopped", "1.012790", "ss", 12],
  ["stopped", "1.009994", "tx", 9],
  ["stopped", "1.004551", "hcc", 14],
];

export type DemoDossier = {
  code: string;
  kind: StoryKind;
  /** One line in Vietnamese: the procedure and what happened to the dossier. */
  story: string;
  agencyId: string;
  procedureCode: string;
  applicant: Applicant;
  idLast4: string;
  receivedAt: string;
  /** The due date after any due change. */
  dueAt: string;
  status: StatusCode;
  overdue: boolean;
  /** Calendar days the result came before (positive) or after (negative) the due date, once done. */
  earlyDays: number | null;
  hasDueChange: boolean;
  events: DemoEvent[];
};

/** Dossiers the simulator creates number from here, above any demo code of the same agency and day. */
export const SIMULATOR_COUNTER_START = 601;

/** One province's stories: its rows, the agencies and officers they happen at, and where its applicants were born. */
export type StorySet = {
  rows: StoryRow[];
  agencies: DemoAgency[];
  officersOf: (departmentId: string) => DemoOfficer[];
  provincialCentreId: string;
  /** The first three digits of the applicants' ID numbers: their province of birth (038 Thanh Hóa, 040 Nghệ An). */
  birthProvince: string;
  /** Added to the seeds of applicants and intake times, so two provinces' stories never share people. */
  seedBase: number;
};

const THANH_HOA_STORIES: StorySet = {
  rows: ROWS,
  agencies: DEMO_AGENCIES,
  officersOf,
  provincialCentreId: PROVINCIAL_CENTRE_ID,
  birthProvince: "038",
  seedBase: 0,
};

export function demoDossiers(now: Date): DemoDossier[] {
  return storyDossiers(THANH_HOA_STORIES, now);
}

/** A province's stories told as dossiers on the demo's today (`now`'s latest working day). */
export function storyDossiers(set: StorySet, now: Date): DemoDossier[] {
  const today = latestWorkingDay(now);
  const nowMs = now.getTime();

  // Pass 1: when each dossier was received, so counters follow arrival order per agency and day.
  const intakes = set.rows.map((row, index) => {
    const random = seededRandom(set.seedBase + index + 1);
    const receivedDay = addWorkingDays(today, -row[3]);
    const receivedMinutes = 7 * 60 + 35 + Math.floor(random() * 195); // 07:35–10:50
    return { row, index, random, receivedDay, receivedMinutes };
  });
  const codes = assignCodes(intakes, vnDayOf(now), set.agencies);

  // Pass 2: the stories.
  const usedLast4 = new Set<string>();
  return intakes.map(({ row, index, random, receivedDay, receivedMinutes }) => {
    const [kind, procedureCode, prefix] = row;
    const code = codes[index]!;
    const agency = set.agencies.find((a) => a.prefix === prefix);
    if (!agency) throw new Error(`demo row ${index}: unknown agency prefix ${prefix}`);
    const procedure = procedureByCode(procedureCode);
    if (!procedure.filedAt.includes(agency.level)) throw new Error(`demo row ${index}: ${procedureCode} is not filed at ${agency.id}`);

    const applicant = uniqueApplicant(set.seedBase + index, procedureCode === "1.004551" ? "hotel" : "person", code, usedLast4, set.birthProvince);
    const story = storyOf(procedureCode);
    const legalDays = procedure.request.legalDays;
    const dept = departmentId(agency, procedure.desk);
    const officers = set.officersOf(dept);
    const officer = officers[index % officers.length];
    if (!officer) throw new Error(`demo row ${index}: no officer in ${dept}`);

    const plot = plotStory({
      kind,
      param: row[4],
      today,
      receivedDay,
      dueDay: addWorkingDays(receivedDay, legalDays),
      legalDays,
      story,
      agency,
      provincialCentreId: set.provincialCentreId,
      departmentId: dept,
      officerId: officer.id,
      procedureCode,
      applicant,
      code,
      fail: (message) => new Error(`demo row ${index} (${kind} ${procedureCode} at ${agency.id}): ${message}`),
    });

    const events = timeSteps(plot.steps, receivedMinutes, random, today, nowMs).map(({ ms, body }, i) => {
      const occurredAt = vnIso(ms);
      const event = { ...body, id: `demo-${code}-${String(i + 1).padStart(2, "0")}`, occurredAt, dossierCode: code } as DemoEvent;
      if (event.type === "dossier.received") event.receivedAt = occurredAt;
      return event;
    });

    const status = KINDS[kind].status;
    const open = status === 1 || status === 2 || status === 4 || status === 5 || status === 6;
    const overdue = open && plot.finalDueDay < vnDayOf(now);
    if (overdue !== (kind === "overdue")) throw new Error(`demo row ${index} (${kind}): overdue is ${overdue}`);
    const earlyDays = plot.completedDay === null ? null : plot.finalDueDay - plot.completedDay;
    const detail = KINDS[kind].text.replace("{n}", String(Math.abs(earlyDays ?? 0)));

    return {
      code,
      kind,
      story: `${story.short}: ${detail}`,
      agencyId: agency.id,
      procedureCode,
      applicant,
      idLast4: applicant.idNumber.slice(-4),
      receivedAt: events[0]!.occurredAt,
      dueAt: dueIso(plot.finalDueDay),
      status,
      overdue,
      earlyDays,
      hasDueChange: events.some((e) => e.type === "dossier.due_changed"),
      events,
    };
  });
}

/** All the demo's events, dossier by dossier, each dossier's in time order. */
export function demoDossierEvents(now: Date): DemoEvent[] {
  return demoDossiers(now).flatMap((d) => d.events);
}

export type FeaturedDemoDossier = { code: string; kind: StoryKind; story: string; idLast4: string };

/** One dossier per story worth showing, in the order a demo walks through them. */
const FEATURED_KINDS: StoryKind[] = [
  "processing",
  "supplement",
  "fee",
  "ready_early",
  "overdue",
  "apology_open",
  "returned_early",
  "online",
  "refused",
  "stopped",
];

export function featuredDemoDossiers(dossiers: DemoDossier[]): FeaturedDemoDossier[] {
  return FEATURED_KINDS.map((kind) => {
    const d = dossiers.find((x) => x.kind === kind)!;
    return { code: d.code, kind, story: d.story, idLast4: d.idLast4 };
  });
}

/** `{agency}-{yyMMdd}-{counter}`: the counter restarts per agency and day, and its base moves with the seeding day so
 *  that a demo seeded on another day never reuses a code of this one. */
function assignCodes(intakes: { index: number; row: StoryRow; receivedDay: Day; receivedMinutes: number }[], anchorDay: Day, agencies: DemoAgency[]): string[] {
  const base = 1 + 10 * (anchorDay % 50);
  const groups = new Map<string, typeof intakes>();
  for (const intake of intakes) {
    const agency = agencies.find((a) => a.prefix === intake.row[2])!;
    const key = `${agency.id}-${codeDate(intake.receivedDay)}`;
    groups.set(key, [...(groups.get(key) ?? []), intake]);
  }
  const codes: string[] = [];
  for (const [key, group] of groups) {
    if (group.length > 10) throw new Error(`more than 10 demo dossiers on ${key}`);
    group
      .sort((a, b) => a.receivedMinutes - b.receivedMinutes || a.index - b.index)
      .forEach((intake, i) => (codes[intake.index] = `${key}-${String(base + i).padStart(4, "0")}`));
  }
  return codes;
}

/** An applicant whose last 4 ID digits are unique in the demo and cannot be mistaken for a year or part of the code. */
function uniqueApplicant(index: number, kind: "person" | "hotel", code: string, used: Set<string>, birthProvince: string): Applicant {
  for (let attempt = 0; ; attempt++) {
    const applicant = applicantFor(index * 31 + attempt, kind, birthProvince);
    const last4 = applicant.idNumber.slice(-4);
    if (used.has(last4) || code.includes(last4) || /^(19|20)/.test(last4)) continue;
    used.add(last4);
    return applicant;
  }
}

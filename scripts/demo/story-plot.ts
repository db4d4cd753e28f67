/**
 * How a demo story unfolds: which events on which working days, at which clock times, and the wording of the
 * apology letter when a dossier runs late. Pure functions of their inputs.
 */
import { addWorkingDays, type Day, displayDate, END_OF_DAY_MINUTES, instantMs, vnIso } from "./calendar";
import type { Applicant } from "./people";
import type { ProcedureStory } from "./procedure-stories";
import type { DemoAgency } from "./province";
import type { DemoEvent } from "./types";

/** The kinds of story a demo dossier tells; each ends in one national status. */
export type StoryKind =
  | "online"
  | "received"
  | "assigned"
  | "processing"
  | "overdue"
  | "apology_open"
  | "supplement_done"
  | "supplement"
  | "fee"
  | "ready_early"
  | "ready_ontime"
  | "ready_late"
  | "apology_ready"
  | "returned_early"
  | "returned_late"
  | "returned_apology"
  | "fee_paid_returned"
  | "refused"
  | "withdrawn"
  | "stopped";

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;
export type EventBody = DistributiveOmit<DemoEvent, "id" | "occurredAt" | "dossierCode">;
export type Step = { day: Day; body: EventBody };

/** Due dates and deadlines fall at the end of the afternoon shift. */
export const dueIso = (day: Day) => vnIso(instantMs(day, END_OF_DAY_MINUTES));

/**
 * Clock times for the steps: the first at intake time, later ones on the same day 15–50 minutes apart, steps on
 * later days within office hours. Steps on the demo's today are pulled before `now`, keeping their order.
 */
export function timeSteps(steps: Step[], receivedMinutes: number, random: () => number, today: Day, nowMs: number) {
  let previous: { day: Day; minutes: number } | null = null;
  const timed = steps.map((step) => {
    let minutes: number;
    if (!previous) minutes = receivedMinutes;
    else if (step.day === previous.day) minutes = previous.minutes + 15 + Math.floor(random() * 36);
    else minutes = random() < 0.5 ? 7 * 60 + 40 + Math.floor(random() * 200) : 13 * 60 + 40 + Math.floor(random() * 150);
    previous = { day: step.day, minutes };
    return { ms: instantMs(step.day, minutes), day: step.day, body: step.body };
  });
  return timed.map((t, i) => {
    if (t.day !== today) return t;
    const stepsAfter = timed.length - 1 - i;
    return { ...t, ms: Math.min(t.ms, nowMs - (3 + 4 * stepsAfter) * 60_000) };
  });
}

export type PlotInput = {
  kind: StoryKind;
  param: number | undefined;
  today: Day;
  receivedDay: Day;
  dueDay: Day;
  legalDays: number;
  story: ProcedureStory;
  agency: DemoAgency;
  /** Where a refusal beyond a commune's competence sends the citizen: the province's own centre. */
  provincialCentreId: string;
  departmentId: string;
  officerId: string;
  procedureCode: string;
  applicant: Applicant;
  code: string;
  fail: (message: string) => Error;
};

export type Plot = { steps: Step[]; finalDueDay: Day; completedDay: Day | null };

/** The steps of one story, on working days, as the one-stop system would have recorded them. */
export function plotStory(p: PlotInput): Plot {
  const { today, receivedDay: R, dueDay: U, story, fail } = p;
  const wd = addWorkingDays;
  const min = (a: Day, b: Day) => (a < b ? a : b);
  const max = (a: Day, b: Day) => (a > b ? a : b);
  const check = (ok: boolean, what: string) => {
    if (!ok) throw fail(what);
  };
  const need = <T>(value: T | undefined, what: string): T => {
    if (value === undefined) throw fail(`the procedure's story has no ${what}`);
    return value;
  };
  const steps: Step[] = [];
  const at = (day: Day, body: EventBody) => {
    check(day <= today, `a step on ${displayDate(day)} is after today`);
    check(steps.length === 0 || day >= steps[steps.length - 1]!.day, "steps out of order");
    steps.push({ day, body });
  };
  let finalDueDay = U;
  let completedDay: Day | null = null;

  const received = (withDepartment: boolean, extra: { status?: 1; note?: string } = {}) =>
    at(R, {
      type: "dossier.received",
      ...extra,
      agencyId: p.agency.id,
      procedureCode: p.procedureCode,
      applicant: p.applicant,
      receivedAt: "",
      dueAt: dueIso(U),
      ...(withDepartment ? { departmentId: p.departmentId } : {}),
    });
  /** Received, assigned to an officer, and moved to processing (the next working day for longer procedures). */
  const processing = (): Day => {
    received(true);
    at(R, { type: "dossier.assigned", departmentId: p.departmentId, officerId: p.officerId });
    const day = p.legalDays >= 3 ? min(wd(R, 1), today) : R;
    at(day, { type: "dossier.status_changed", status: 4, note: story.processingNote });
    return day;
  };
  const supplement = (day: Day) => {
    const s = need(story.supplement, "supplement");
    at(day, { type: "dossier.supplement_requested", documents: s.documents, deadline: dueIso(wd(day, 5)), note: s.note });
  };
  const fee = (day: Day) => {
    const f = need(story.fee, "fee");
    // Five working days to pay; the provincial centre's one-stop system also offers its online payment page.
    const paymentUrl =
      p.agency.level === "province" ? `https://dichvucong.gov.vn/p/home/dvc-thanh-toan-truc-tuyen.html?maHoSo=${encodeURIComponent(p.code)}` : undefined;
    at(day, { type: "dossier.fee_requested", amountVnd: f.amountVnd, note: f.note, deadline: dueIso(wd(day, 5)), ...(paymentUrl ? { paymentUrl } : {}) });
  };
  const feePaid = (day: Day) => at(day, { type: "dossier.status_changed", status: 4, note: "Đã hoàn thành nghĩa vụ tài chính; tiếp tục giải quyết hồ sơ." });
  const ready = (day: Day) => {
    at(day, { type: "dossier.result_ready", note: story.resultNote });
    completedDay = day;
  };
  const returned = (day: Day) => at(day, { type: "dossier.returned" });
  const apology = (day: Day, newDue: Day) => {
    const reason = apologyLetter({
      agencyName: p.agency.request.name,
      procedureShort: story.short,
      applicantName: p.applicant.name,
      code: p.code,
      receivedDay: R,
      previousDueDay: finalDueDay,
      newDueDay: newDue,
      delay: need(story.delay, "delay reason"),
    });
    at(day, { type: "dossier.due_changed", dueAt: dueIso(newDue), reason });
    finalDueDay = newDue;
  };

  switch (p.kind) {
    case "online":
      received(false, {
        status: 1,
        note: "Hồ sơ nộp trực tuyến trên Cổng Dịch vụ công quốc gia; đang chờ Bộ phận một cửa kiểm tra, tiếp nhận.",
      });
      break;
    case "received":
      received(true);
      break;
    case "assigned":
      received(true);
      at(R, { type: "dossier.assigned", departmentId: p.departmentId, officerId: p.officerId });
      break;
    case "processing":
    case "overdue":
      processing();
      check(p.kind === "overdue" ? U < today : U > today, "due date does not fit the story");
      break;
    case "apology_open": {
      const started = processing();
      check(U < today && U >= started, "the apology must fall between processing and today");
      apology(U, wd(today, p.param ?? 5));
      break;
    }
    case "supplement_done": {
      const started = processing();
      const asked = min(wd(started, 1), today);
      supplement(asked);
      at(min(wd(asked, 2), today), {
        type: "dossier.status_changed",
        status: 4,
        note: "Công dân đã bổ sung đủ giấy tờ theo yêu cầu; tiếp tục giải quyết hồ sơ.",
      });
      check(U > today, "due date must be ahead");
      break;
    }
    case "supplement":
      supplement(max(processing(), wd(today, -1)));
      check(U > today, "due date must be ahead");
      break;
    case "fee":
      fee(max(processing(), wd(today, -1)));
      check(U > today, "due date must be ahead");
      break;
    case "ready_early":
    case "ready_late": {
      const started = processing();
      const done = wd(today, -(p.param ?? 0));
      check(done >= started && (p.kind === "ready_early" ? done < U : done > U), "completion does not fit the story");
      ready(done);
      break;
    }
    case "ready_ontime": {
      const started = processing();
      check(U <= today && U >= started, "due date must be between processing and today");
      ready(U);
      break;
    }
    case "apology_ready":
    case "returned_apology": {
      const started = processing();
      check(U < today && U >= started, "the apology must fall between processing and today");
      const newDue = wd(U, need(p.param, "story parameter"));
      apology(U, newDue);
      ready(wd(newDue, -1));
      if (p.kind === "returned_apology") returned(newDue);
      break;
    }
    case "returned_early": {
      const started = processing();
      const done = p.legalDays <= 2 ? started : wd(U, -(p.param ?? 2));
      check(done >= started && done < U, "completion must be before the due date");
      ready(done);
      returned(p.legalDays <= 2 ? done : wd(done, 1));
      break;
    }
    case "returned_late": {
      processing();
      const done = wd(U, p.param ?? 2);
      ready(done);
      returned(wd(done, 1));
      break;
    }
    case "fee_paid_returned": {
      const started = processing();
      const short = p.legalDays <= 3;
      const asked = short ? started : wd(started, 2);
      fee(asked);
      const paid = short ? asked : wd(asked, 1);
      feePaid(paid);
      const done = short ? wd(paid, 1) : wd(U, -2);
      check(done >= paid && done <= U, "completion must be on time");
      ready(done);
      returned(short ? done : wd(done, 1));
      break;
    }
    case "refused":
      received(true);
      at(R, {
        type: "dossier.refused",
        reason: need(story.refuse, "refusal reason"),
        ...(story.refuseToProvince && p.agency.id !== p.provincialCentreId ? { competentAgencyId: p.provincialCentreId } : {}),
      });
      break;
    case "withdrawn":
      at(min(wd(processing(), p.param ?? 2), today), { type: "dossier.withdrawn", reason: need(story.withdraw, "withdrawal reason") });
      break;
    case "stopped":
      at(min(wd(processing(), p.param ?? 3), today), { type: "dossier.stopped", reason: need(story.stop, "stop reason") });
      break;
  }
  return { steps, finalDueDay, completedDay };
}

export type ApologyFacts = {
  agencyName: string;
  procedureShort: string;
  applicantName: string;
  code: string;
  receivedDay: Day;
  previousDueDay: Day;
  newDueDay: Day;
  /** Why the agency is late, as a clause after "do …". */
  delay: string;
};

/** The wording of the written apology and new appointment (phiếu xin lỗi và hẹn lại ngày trả kết quả). */
export function apologyLetter(f: ApologyFacts): string {
  const organisation = f.applicantName.startsWith("Công ty");
  const addressee = organisation ? f.applicantName : `Ông/Bà ${f.applicantName}`;
  const you = organisation ? "Quý đơn vị" : "Ông/Bà";
  return (
    `Ngày ${displayDate(f.receivedDay)}, ${f.agencyName} tiếp nhận hồ sơ “${f.procedureShort}” của ${addressee}, ` +
    `mã hồ sơ ${f.code}, hẹn trả kết quả ngày ${displayDate(f.previousDueDay)}. Tuy nhiên đến nay hồ sơ chưa được giải quyết xong ` +
    `do ${f.delay}. Sự chậm trễ này đã gây phiền hà, tốn kém thời gian, công sức của ${you}. ${f.agencyName} xin lỗi ${you} ` +
    `và hẹn trả kết quả vào ngày ${displayDate(f.newDueDay)}. Rất mong nhận được sự thông cảm của ${you}.`
  );
}

/**
 * A year of finished dossiers behind the demo's stories, so the director's figures mean something: about 36 a
 * month across the provincial centre and the communes, mostly on time or early, late less often as the months go
 * by (the trend), a few whose due date was moved (late by definition), a few refused, the latest still open (some
 * overdue). Dates relative to the day it is seeded; a seeded PRNG, so the same day gives the same history.
 * Pure data: sent through the real integration API by scripts/lib/demo-figures.ts.
 */
import { addWorkingDays, codeDate, END_OF_DAY_MINUTES, instantMs, isWorkingDay, latestWorkingDay, vnIso } from "./calendar";
import { applicantFor, pick, seededRandom } from "./people";
import { DEMO_AGENCIES } from "./province";
import type { DemoEvent } from "./types";

/** Per agency prefix: dossiers a month, the desks that handle them, the procedures filed there. */
const FLOWS: Record<string, { perMonth: number; desks: string[]; procedures: string[] }> = {
  hcc: { perMonth: 12, desks: ["stp", "vhttdl", "ca", "dd"], procedures: ["2.000200", "2.000488", "2.001892", "1.004551", "1.012806"] },
  ht: { perMonth: 8, desks: ["tpht", "kt", "dd"], procedures: ["1.000894", "1.001193", "1.000656", "1.012790", "1.009994"] },
  ss: { perMonth: 6, desks: ["tpht", "kt", "dd"], procedures: ["1.000894", "2.000815", "1.012812", "1.011519"] },
  tx: { perMonth: 5, desks: ["tpht", "kt"], procedures: ["1.000894", "1.004222", "1.012790", "2.002402"] },
  ns: { perMonth: 5, desks: ["tpht", "kt", "dd"], procedures: ["1.000894", "1.009994", "2.000720"] },
};

/** Codes of the history count from here per agency and day: above the stories', below the simulator's (601). */
const HISTORY_COUNTER_START = 401;
const MONTHS = 12;
const WORKING_DAYS_A_MONTH = 21;

export type HistoryDossier = { code: string; returned: boolean; events: DemoEvent[] };

export function demoHistory(now: Date): HistoryDossier[] {
  const today = latestWorkingDay(now);
  const random = seededRandom(766);
  const counters = new Map<string, number>();
  const out: HistoryDossier[] = [];
  let n = 0;
  for (let month = MONTHS - 1; month >= 0; month--) {
    // Late results fall from about one in seven a year ago to one in fifty this month.
    const lateShare = 0.02 + (0.12 * month) / (MONTHS - 1);
    for (const agency of DEMO_AGENCIES) {
      const flow = FLOWS[agency.prefix];
      if (!flow) continue;
      for (let i = 0; i < flow.perMonth; i++) {
        n++;
        let received = addWorkingDays(today, -(month * WORKING_DAYS_A_MONTH + Math.floor(random() * WORKING_DAYS_A_MONTH)) - 1);
        while (!isWorkingDay(received)) received--;
        const counterKey = `${agency.id}-${received}`;
        const counter = (counters.get(counterKey) ?? HISTORY_COUNTER_START - 1) + 1;
        counters.set(counterKey, counter);
        const code = `${agency.id}-${codeDate(received)}-${String(counter).padStart(4, "0")}`;
        const receivedAt = vnIso(instantMs(received, 7 * 60 + 40 + Math.floor(random() * 180)));
        const due = addWorkingDays(received, 5 + Math.floor(random() * 8));
        const dueAt = vnIso(instantMs(due, END_OF_DAY_MINUTES));
        const id = (suffix: string) => `hist-${code}-${suffix}`;
        const events: DemoEvent[] = [
          {
            id: id("received"),
            type: "dossier.received",
            occurredAt: receivedAt,
            dossierCode: code,
            agencyId: agency.id,
            procedureCode: pick(random, flow.procedures),
            applicant: applicantFor(100_000 + n),
            receivedAt,
            dueAt,
            departmentId: `${agency.prefix}-${pick(random, flow.desks)}`,
          } as DemoEvent,
        ];
        const fate = random();
        if (fate < 0.03) {
          events.push({
            id: id("refused"),
            type: "dossier.refused",
            occurredAt: vnIso(instantMs(addWorkingDays(received, 1), 9 * 60)),
            dossierCode: code,
            reason: "Hồ sơ không thuộc thẩm quyền giải quyết.",
          } as DemoEvent);
          out.push({ code, returned: false, events });
          continue;
        }
        const moved = fate < 0.045;
        const late = moved || random() < lateShare;
        const doneDay = late ? addWorkingDays(due, 1 + Math.floor(random() * 4)) : random() < 0.3 ? due : addWorkingDays(due, -(1 + Math.floor(random() * 3)));
        if (moved) {
          events.push({
            id: id("due-changed"),
            type: "dossier.due_changed",
            occurredAt: vnIso(instantMs(addWorkingDays(due, -1), 15 * 60)),
            dossierCode: code,
            dueAt: vnIso(instantMs(addWorkingDays(due, 3), END_OF_DAY_MINUTES)),
            reason: "Cần lấy thêm ý kiến của cơ quan liên quan.",
          } as DemoEvent);
        }
        const readyMs = instantMs(doneDay, 9 * 60 + Math.floor(random() * 300));
        // Not finished yet when its day has not come: it stays open (overdue if its due day has passed).
        if (readyMs > now.getTime() - 2 * 3600_000) {
          out.push({ code, returned: false, events });
          continue;
        }
        events.push({ id: id("ready"), type: "dossier.result_ready", occurredAt: vnIso(readyMs), dossierCode: code } as DemoEvent);
        const pickedUpMs = readyMs + (1 + Math.floor(random() * 48)) * 3600_000;
        const returned = pickedUpMs < now.getTime() - 3600_000;
        if (returned) events.push({ id: id("returned"), type: "dossier.returned", occurredAt: vnIso(pickedUpMs), dossierCode: code } as DemoEvent);
        out.push({ code, returned, events });
      }
    }
  }
  return out;
}

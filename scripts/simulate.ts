/**
 * `tsx scripts/simulate.ts [--api URL] [--steps N] [--interval MS]`: plays the demo province's one-stop system
 * against a running API. Every ~2 s it receives a new dossier or moves an open demo dossier one realistic step,
 * sending signed events as a real one-stop system would, so the mini app shows dossiers changing live.
 */
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { addWorkingDays, codeDate, END_OF_DAY_MINUTES, instantMs, vnDayOf, vnIso } from "./demo/calendar";
import { applicantFor } from "./demo/people";
import {
  apologyLetter,
  DEMO_AGENCIES,
  DEMO_PROCEDURES,
  type DemoEvent,
  demoDossiers,
  departmentId,
  featuredDemoDossiers,
  officersOf,
  SIMULATOR_COUNTER_START,
  storyOf,
} from "./demo";
import type { OwnerDossier } from "../worker/src/schemas/dossier";
import { listDossiers } from "./lib/demo-seed";
import { type IntegrationKeys, postEvents, signedJson } from "./lib/signing";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

type Options = { apiUrl: string; steps: number; intervalMs: number };

function parseArgs(argv: string[]): Options {
  const options: Options = { apiUrl: "http://127.0.0.1:8787", steps: Infinity, intervalMs: 2000 };
  for (let i = 0; i < argv.length; i++) {
    const [flag, inline] = argv[i]!.split("=", 2) as [string, string | undefined];
    const value = () => inline ?? argv[++i] ?? "";
    if (flag === "--api") options.apiUrl = value();
    else if (flag === "--steps") options.steps = Number(value());
    else if (flag === "--interval") options.intervalMs = Number(value());
    else if (flag === "--help" || flag === "-h") {
      console.log("tsx scripts/simulate.ts [--api http://127.0.0.1:8787] [--steps N] [--interval 2000]");
      process.exit(0);
    } else throw new Error(`unknown argument ${argv[i]}`);
  }
  if (!(options.steps > 0) || !(options.intervalMs >= 0)) throw new Error("--steps must be > 0 and --interval >= 0");
  return options;
}

/** The demo integration key, from .dev.vars (the local secrets) or else the committed example. */
function demoKeys(): IntegrationKeys {
  const file = [".dev.vars", ".dev.vars.example"].map((f) => path.join(ROOT, f)).find(existsSync);
  if (!file) throw new Error("no .dev.vars or .dev.vars.example at the repository root");
  const vars: Record<string, string> = {};
  for (const line of readFileSync(file, "utf8").split("\n")) {
    const match = /^\s*([A-Z0-9_]+)\s*=\s*(.*?)\s*$/.exec(line);
    if (match) vars[match[1]!] = match[2]!.replace(/^"(.*)"$/, "$1");
  }
  const keyId = vars.DEMO_INTEGRATION_KEY_ID;
  const secret = vars.DEMO_INTEGRATION_SECRET;
  if (!keyId || !secret) throw new Error(`${path.basename(file)} has no DEMO_INTEGRATION_KEY_ID / DEMO_INTEGRATION_SECRET`);
  return { keyId, secret };
}

const pick = <T>(items: readonly T[]): T => items[Math.floor(Math.random() * items.length)]!;
const OPEN_STATUSES = new Set([1, 2, 4, 5, 6, 9]);

type Action = { code: string; vi: string; en: string; events: DemoEvent[] };

class Simulator {
  /** The next counter per agency and day, so new codes never collide with seeded or earlier simulated ones. */
  private readonly counters = new Map<string, number>();
  private readonly featured: Set<string>;

  constructor(
    private readonly apiUrl: string,
    private readonly keys: IntegrationKeys,
  ) {
    // The featured dossiers illustrate one story each in the README and at start: leave them as they are.
    this.featured = new Set(featuredDemoDossiers(demoDossiers(new Date())).map((f) => f.code));
  }

  async step(): Promise<Action> {
    const stored = await listDossiers(this.apiUrl, this.keys);
    const movable = [...stored.values()].filter((d) => OPEN_STATUSES.has(d.status) && !this.featured.has(d.code));
    const action = movable.length === 0 || Math.random() < 0.3 ? this.receive(stored) : await this.advance(pick(movable).code);
    await postEvents(this.apiUrl, this.keys, action.events);
    return action;
  }

  private receive(stored: Map<string, { code: string }>): Action {
    const now = new Date();
    const agency = pick(DEMO_AGENCIES);
    const procedure = pick(DEMO_PROCEDURES.filter((p) => p.filedAt.includes(agency.level)));
    const prefix = `${agency.id}-${codeDate(vnDayOf(now))}-`;
    let counter = this.counters.get(prefix) ?? SIMULATOR_COUNTER_START;
    for (const code of stored.keys()) if (code.startsWith(prefix)) counter = Math.max(counter, Number(code.slice(prefix.length)) + 1);
    this.counters.set(prefix, counter + 1);
    const code = `${prefix}${String(counter).padStart(4, "0")}`;
    const applicant = applicantFor(Math.floor(Math.random() * 1_000_000), procedure.code === "1.004551" ? "hotel" : "person");
    const dueDay = addWorkingDays(vnDayOf(now), procedure.request.legalDays);
    const occurredAt = vnIso(now.getTime());
    return {
      code,
      vi: `Tiếp nhận hồ sơ mới “${storyOf(procedure.code).short}” tại ${agency.request.name} (4 số cuối CCCD: ${applicant.idNumber.slice(-4)})`,
      en: "received a new dossier",
      events: [
        {
          id: eventId(code, "received"),
          type: "dossier.received",
          occurredAt,
          dossierCode: code,
          agencyId: agency.id,
          procedureCode: procedure.code,
          applicant,
          receivedAt: occurredAt,
          dueAt: vnIso(instantMs(dueDay, END_OF_DAY_MINUTES)),
          departmentId: departmentId(agency, procedure.desk),
        },
      ],
    };
  }

  /** One realistic next step for the dossier's current status. */
  private async advance(code: string): Promise<Action> {
    const d = await signedJson<OwnerDossier>(this.apiUrl, this.keys, "GET", `/v1/integration/dossiers/${encodeURIComponent(code)}`);
    const story = storyOf(d.procedure.code);
    const occurredAt = vnIso(Date.now());
    const event = (type: string, fields: Record<string, unknown>) => ({ id: eventId(code, type), type, occurredAt, dossierCode: code, ...fields }) as DemoEvent;
    const act = (vi: string, en: string, type: string, fields: Record<string, unknown> = {}): Action => ({
      code,
      vi: `${vi} — ${story.short}`,
      en,
      events: [event(type, fields)],
    });
    const asked = (type: string) => d.timeline.some((t) => t.type === type);

    switch (d.status.code) {
      case 1:
        return act("Bộ phận một cửa tiếp nhận hồ sơ nộp trực tuyến", "accepted an online submission", "dossier.status_changed", {
          status: 2,
          note: "Bộ phận một cửa đã kiểm tra và tiếp nhận hồ sơ nộp trực tuyến.",
        });
      case 2: {
        if (d.officer) return act("Chuyển xử lý", "started processing", "dossier.status_changed", { status: 4, note: story.processingNote });
        const agency = DEMO_AGENCIES.find((a) => a.id === d.agency.id);
        const procedure = DEMO_PROCEDURES.find((p) => p.code === d.procedure.code);
        const dept = d.department?.id ?? (agency && procedure ? departmentId(agency, procedure.desk) : undefined);
        const officer = dept ? officersOf(dept)[0] : undefined;
        if (!dept || !officer) return act("Chuyển xử lý", "started processing", "dossier.status_changed", { status: 4, note: story.processingNote });
        return act(`Phân công cán bộ ${officer.request.displayName}`, "assigned an officer", "dossier.assigned", {
          departmentId: dept,
          officerId: officer.id,
        });
      }
      case 4: {
        if (d.overdue && story.delay && !asked("dossier.due_changed")) {
          const today = vnDayOf(new Date());
          const newDueDay = addWorkingDays(today, 5);
          const reason = apologyLetter({
            agencyName: d.agency.name,
            procedureShort: story.short,
            applicantName: d.applicant.name,
            code,
            receivedDay: vnDayOf(new Date(d.receivedAt)),
            previousDueDay: vnDayOf(new Date(d.dueAt)),
            newDueDay,
            delay: story.delay,
          });
          return act("Gửi phiếu xin lỗi, hẹn lại ngày trả", "sent an apology with a new due date", "dossier.due_changed", {
            dueAt: vnIso(instantMs(newDueDay, END_OF_DAY_MINUTES)),
            reason,
          });
        }
        const roll = Math.random();
        if (roll < 0.2 && story.supplement && !asked("dossier.supplement_requested")) {
          return act("Yêu cầu bổ sung giấy tờ", "requested missing documents", "dossier.supplement_requested", {
            documents: story.supplement.documents,
            deadline: vnIso(instantMs(addWorkingDays(vnDayOf(new Date()), 5), END_OF_DAY_MINUTES)),
            note: story.supplement.note,
          });
        }
        if (roll < 0.4 && story.fee && !asked("dossier.fee_requested")) {
          return act("Thông báo nghĩa vụ tài chính", "requested the fee", "dossier.fee_requested", {
            amountVnd: story.fee.amountVnd,
            note: story.fee.note,
          });
        }
        return act("Có kết quả, mời công dân đến nhận", "result ready", "dossier.result_ready", { note: story.resultNote });
      }
      case 5:
        return act("Công dân đã bổ sung giấy tờ, tiếp tục xử lý", "documents supplied, processing again", "dossier.status_changed", {
          status: 4,
          note: "Công dân đã bổ sung đủ giấy tờ theo yêu cầu; tiếp tục giải quyết hồ sơ.",
        });
      case 6:
        return act("Công dân đã nộp nghĩa vụ tài chính, tiếp tục xử lý", "fee paid, processing again", "dossier.status_changed", {
          status: 4,
          note: "Đã hoàn thành nghĩa vụ tài chính; tiếp tục giải quyết hồ sơ.",
        });
      default:
        return act("Đã trả kết quả cho công dân", "result handed over", "dossier.returned");
    }
  }
}

function eventId(code: string, type: string): string {
  return `sim-${code}-${type.replace("dossier.", "")}-${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const clock = () => new Date().toLocaleTimeString("vi-VN", { timeZone: "Asia/Ho_Chi_Minh", hour12: false });

async function main() {
  const options = parseArgs(process.argv.slice(2));
  const keys = demoKeys();
  const simulator = new Simulator(options.apiUrl, keys);
  console.log(`Mô phỏng hệ thống một cửa / one-stop simulator → ${options.apiUrl} (key ${keys.keyId}). Ctrl-C để dừng / to stop.`);
  process.on("SIGINT", () => {
    console.log("\nĐã dừng mô phỏng / simulator stopped.");
    process.exit(0);
  });

  let failures = 0;
  for (let step = 1; step <= options.steps; step++) {
    try {
      const action = await simulator.step();
      failures = 0;
      console.log(`[${clock()}] ${action.code}  ${action.vi}  / ${action.en}`);
    } catch (err) {
      failures++;
      console.error(`[${clock()}] Lỗi / error: ${err instanceof Error ? err.message : String(err)}`);
      // A stopped API or an unseeded province will not heal by itself: give up after a few tries in a row.
      if (failures >= 5) {
        console.error("5 lỗi liên tiếp, dừng / 5 failures in a row, stopping. Is the API running and the demo seeded?");
        process.exit(1);
      }
    }
    if (step < options.steps) await sleep(options.intervalMs);
  }
}

main().catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});

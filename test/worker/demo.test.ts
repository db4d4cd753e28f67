import { beforeAll, describe, expect, it } from "vitest";
import {
  DEMO_CLIENT_NAME,
  DEMO_PROCEDURES,
  DEMO_PROVINCE,
  DEMO_PROVINCE_ID,
  DEMO_PROVINCE_PATH,
  type DemoDossier,
  type DemoEvent,
  demoDossiers,
  demoReferenceWrites,
} from "../../scripts/demo";
import { foldVietnamese } from "../../worker/src/domain/text";
import { admin, call, type Client, integration, json, sendEvents } from "./helpers";

/** The demo province, seeded through the real admin and integration API exactly as scripts/lib/demo-seed.ts does. */
const now = new Date();
const dossiers = demoDossiers(now);
const publicViews = new Map<string, any>();
let client: Client;

async function sendAll(events: DemoEvent[]) {
  const results = [];
  for (let i = 0; i < events.length; i += 500) results.push(...(await sendEvents(client, events.slice(i, i + 500), "any")).results);
  return results;
}

async function unlock(d: DemoDossier) {
  const res = await call(`/v1/dossiers/${d.code}/unlock`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ idNumberLast4: d.idLast4 }),
  });
  const body = await json(res);
  expect(res.status, JSON.stringify(body)).toBe(200);
  return body.dossier;
}

beforeAll(async () => {
  const province = await admin(DEMO_PROVINCE_PATH, "PUT", DEMO_PROVINCE);
  expect(province.status, await province.clone().text()).toBe(200);
  const created = await admin(`${DEMO_PROVINCE_PATH}/integration-clients`, "POST", {
    name: DEMO_CLIENT_NAME,
    keyId: "demo-thanh-hoa",
    secret: "demo-secret-for-the-worker-tests-0123",
  });
  expect(created.status).toBe(201);
  client = await json<Client>(created);

  for (const write of demoReferenceWrites()) {
    const res = await integration(client, "PUT", write.path, write.body);
    expect(res.status, `${write.path}: ${await res.clone().text()}`).toBe(200);
  }
  const results = await sendAll(dossiers.flatMap((d) => d.events));
  expect(results.filter((r) => r.outcome !== "applied")).toEqual([]);

  for (const d of dossiers) {
    const res = await call(`/v1/dossiers/${d.code}`);
    expect(res.status, d.code).toBe(200);
    publicViews.set(d.code, await json(res));
  }
});

describe("the demo province", () => {
  it("has 60+ dossiers whose stories cover every national status from 1 to 10", () => {
    expect(dossiers.length).toBeGreaterThanOrEqual(60);
    const statuses = new Set([...publicViews.values()].map((v) => v.status.code));
    expect([...statuses].sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    for (const d of dossiers) expect(publicViews.get(d.code).status.code, d.code).toBe(d.status);
  });

  it("has open dossiers past their due date, and results delivered both early and late", () => {
    const views = [...publicViews.values()];
    expect(views.filter((v) => v.overdue).length).toBeGreaterThanOrEqual(3);
    expect(views.filter((v) => v.earlyDays !== null && v.earlyDays > 0).length).toBeGreaterThanOrEqual(5);
    expect(views.filter((v) => v.earlyDays !== null && v.earlyDays < 0).length).toBeGreaterThanOrEqual(2);
    for (const d of dossiers) {
      const view = publicViews.get(d.code);
      expect(view.overdue, d.code).toBe(d.overdue);
      expect(view.earlyDays, d.code).toBe(d.earlyDays);
    }
  });

  it("publishes at least 12 procedures, each found by its name typed without diacritics", async () => {
    const all = await json(await call(`/v1/provinces/${DEMO_PROVINCE_ID}/procedures`));
    expect(all.procedures.length).toBeGreaterThanOrEqual(12);
    for (const procedure of DEMO_PROCEDURES) {
      const q = encodeURIComponent(foldVietnamese(procedure.request.name).split(" ").slice(0, 6).join(" "));
      const found = await json(await call(`/v1/provinces/${DEMO_PROVINCE_ID}/procedures?q=${q}`));
      expect(
        found.procedures.map((p: { code: string }) => p.code),
        procedure.request.name,
      ).toContain(procedure.code);
      const detail = await json(await call(`/v1/provinces/${DEMO_PROVINCE_ID}/procedures/${procedure.code}`));
      expect(detail.documents.length, procedure.code).toBeGreaterThan(0);
      expect(detail.whereToFile, procedure.code).toBeTruthy();
    }
  });

  it("re-seeding changes nothing: every event comes back as a duplicate", async () => {
    const results = await sendAll(dossiers.flatMap((d) => d.events));
    expect(new Set(results.map((r) => r.outcome))).toEqual(new Set(["duplicate"]));
  });
});

describe("privacy of the demo dossiers", () => {
  it("no public view reveals the applicant, their ID number, phone, procedure, notes or documents", () => {
    for (const d of dossiers) {
      const view = publicViews.get(d.code);
      const text = JSON.stringify(view);
      const procedure = DEMO_PROCEDURES.find((p) => p.code === d.procedureCode)!;
      for (const secret of [d.applicant.name, d.applicant.idNumber, d.idLast4, d.applicant.phone, procedure.request.name, procedure.code]) {
        expect(text.includes(secret), `${d.code} leaks ${secret}`).toBe(false);
      }
      for (const key of ["applicant", "procedure", "timeline", "statusNote", "missingDocuments", "fee", "department", "officer", "note", "documents"]) {
        expect(text.includes(`"${key}"`), `${d.code} has ${key}`).toBe(false);
      }
    }
  });

  it("the owner, unlocking with the real last 4 digits, sees the officer, the department and the timeline", async () => {
    const handled = dossiers.filter((d) => d.events.some((e) => e.type === "dossier.assigned"));
    expect(handled.length).toBeGreaterThan(40);
    for (const d of handled) {
      const owner = await unlock(d);
      expect(owner.view).toBe("owner");
      expect(owner.applicant.name).toBe(d.applicant.name);
      expect(owner.procedure.name).toBe(DEMO_PROCEDURES.find((p) => p.code === d.procedureCode)!.request.name);
      expect(owner.officer?.name, d.code).toBeTruthy();
      expect(owner.officer?.title, d.code).toBeTruthy();
      expect(owner.department?.name, d.code).toBeTruthy();
      expect(owner.timeline.length, d.code).toBe(d.events.length);
    }
  });

  it("a moved due date shows the owner the previous date, the new date and the apology", async () => {
    const moved = dossiers.filter((d) => d.hasDueChange);
    expect(moved.length).toBeGreaterThanOrEqual(3);
    for (const d of moved) {
      const owner = await unlock(d);
      const change = owner.timeline.find((t: { type: string }) => t.type === "dossier.due_changed");
      const sent = d.events.find((e) => e.type === "dossier.due_changed")!;
      const intake = d.events.find((e) => e.type === "dossier.received")!;
      if (sent.type !== "dossier.due_changed" || intake.type !== "dossier.received") throw new Error("unreachable");
      expect(Date.parse(change.previousDueAt)).toBe(Date.parse(intake.dueAt));
      expect(Date.parse(change.dueAt)).toBe(Date.parse(sent.dueAt));
      expect(Date.parse(owner.dueAt)).toBe(Date.parse(d.dueAt));
      expect(change.note).toBe(sent.reason);
      expect(change.note).toContain("xin lỗi");
    }
  });

  it("the owner of a dossier waiting for documents or a fee sees what to bring and how much to pay", async () => {
    const waiting = dossiers.filter((d) => d.status === 5 || d.status === 6);
    expect(waiting.length).toBeGreaterThanOrEqual(6);
    for (const d of waiting) {
      const owner = await unlock(d);
      expect(owner.mustAct).toBe(true);
      if (d.status === 5) {
        expect(owner.missingDocuments.documents.length).toBeGreaterThan(0);
        expect(owner.missingDocuments.deadline).toBeTruthy();
      } else {
        expect(owner.fee).toMatchObject({ due: true });
        expect(owner.fee.amountVnd).toBeGreaterThan(0);
      }
    }
  });
});

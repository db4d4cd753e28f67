/**
 * The data lifecycle in workerd with the real local D1, R2 and queue: personal data of dossiers closed longer than
 * the province's retention is removed (and the lookups say so), old finished messages are pruned with their
 * deliveries, old feedback photos leave R2; runs are bounded, continue where they stopped, and can overlap.
 * Every date is relative to now.
 */
import { createScheduledController } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { drizzle } from "drizzle-orm/d1";
import { beforeAll, describe, expect, it } from "vitest";
import * as schema from "../../worker/src/db/schema";
import worker from "../../worker/src/index";
import { type LifecycleOptions, runLifecycle } from "../../worker/src/services/lifecycle";
import { jpegWithMetadata } from "./image-fixtures";
import { admin, type Client, call, createProvince, DAY_MINUTES, intake, integration, json, sendEvents, waitFor } from "./helpers";
import { asCitizen, connectZalo, consent, follow, signIn, vnTime } from "./zalo-helpers";

const A = { province: "lifecycle-a", agency: "000.00.44.H44", app: "4400000001" };
const B = { province: "lifecycle-b", agency: "000.00.45.H45" };
const C = { province: "lifecycle-c", agency: "000.00.46.H46" };
const D = { province: "lifecycle-d", agency: "000.00.43.H43" };
const PRIVATE_NOTE = "Ông Trần Văn An nộp thiếu bản sao";
const QUESTION = "Tôi cần mang theo giấy tờ gì khi nhận kết quả?";

let a: Client;
let b: Client;

const hourly = () => worker.scheduled(createScheduledController({ cron: "17 * * * *", scheduledTime: Date.now() }), env);
const run = (options?: LifecycleOptions) => runLifecycle(drizzle(env.DB, { schema }), env.MEDIA, Date.now(), options);

type Row = { applicant_name: string; applicant_factor_hash: string; status: number; status_note: string | null; timeline: string } & Record<string, unknown>;
const dossierRow = (code: string) => env.DB.prepare("SELECT * FROM dossiers WHERE code = ?").bind(code).first<Row>();
const count = async (query: string, ...params: unknown[]) =>
  (await env.DB.prepare(query)
    .bind(...params)
    .first<{ n: number }>())!.n;

/** A dossier closed `daysAgo` days ago: received 20 days before, with a private note, then returned or closed. */
async function closedDossier(client: Client, agency: string, daysAgo: number, close: "returned" | "refused" = "returned") {
  const received = intake(agency, { receivedAt: vnTime(-(daysAgo + 20) * DAY_MINUTES), dueAt: vnTime(-(daysAgo + 5) * DAY_MINUTES), note: PRIVATE_NOTE });
  const code = received.dossierCode;
  const at = (days: number) => vnTime(-days * DAY_MINUTES);
  const closing =
    close === "returned"
      ? [
          { id: `${code}-ready`, type: "dossier.result_ready", occurredAt: at(daysAgo + 1), dossierCode: code, note: PRIVATE_NOTE },
          { id: `${code}-returned`, type: "dossier.returned", occurredAt: at(daysAgo), dossierCode: code },
        ]
      : [{ id: `${code}-refused`, type: "dossier.refused", occurredAt: at(daysAgo), dossierCode: code, reason: PRIVATE_NOTE }];
  await sendEvents(client, [received, ...closing]);
  const slip = await json(await integration(client, "GET", `/v1/integration/dossiers/${code}/slip`));
  return { code, slipToken: slip.slipToken as string };
}

const unlock = (code: string, digits = "1234") =>
  call(`/v1/dossiers/${code}/unlock`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ idNumberLast4: digits }) });

beforeAll(async () => {
  a = await createProvince(A.province, A.agency);
  b = await createProvince(B.province, B.agency);
  await connectZalo(A.province, A.app);
});

describe("personal data of closed dossiers", () => {
  let old: { code: string; slipToken: string };
  let young: { code: string; slipToken: string };
  let open: string;

  beforeAll(async () => {
    old = await closedDossier(a, A.agency, 13 * 31);
    young = await closedDossier(a, A.agency, 11 * 30);
    const stillOpen = intake(A.agency, { receivedAt: vnTime(-500 * DAY_MINUTES), dueAt: vnTime(-480 * DAY_MINUTES), note: PRIVATE_NOTE });
    await sendEvents(a, [stillOpen]);
    open = stillOpen.dossierCode;
    const citizen = await signIn(A.province, A.app, "lifecycle-owner");
    for (const d of [old, young]) {
      await follow(citizen, d.code, d.slipToken);
      const asked = await asCitizen(citizen, `/v1/me/dossiers/${d.code}/questions`, "POST", { text: QUESTION });
      expect(asked.status).toBe(201);
    }
    await hourly();
  });

  it("removes them 13 months after the return, and keeps code, status, agency, procedure and dates", async () => {
    const row = (await dossierRow(old.code))!;
    expect(row).toMatchObject({
      applicant_name: "",
      applicant_factor_hash: "",
      status: 10,
      status_note: null,
      agency_id: A.agency,
      procedure_code: "1.000894",
    });
    expect(row.department_id).toBe(`tp-${A.agency}`);
    expect(row.returned_at).not.toBeNull();
    expect(row.received_at).not.toBeNull();
    expect(Date.now() - Date.parse(row.personal_data_removed_at as string)).toBeLessThan(60_000);
    expect(row.timeline).not.toContain(PRIVATE_NOTE);
    expect(JSON.parse(row.timeline).length).toBeGreaterThanOrEqual(3);
    const events = await env.DB.prepare("SELECT payload FROM dossier_events WHERE dossier_code = ?").bind(old.code).all<{ payload: string }>();
    expect(events.results).toHaveLength(3);
    for (const e of events.results) expect(e.payload).not.toMatch(/Trần Văn An|applicantFactorHash":"[^"]/);
    expect(await count("SELECT count(*) AS n FROM follows WHERE dossier_code = ?", old.code)).toBe(0);
    expect(await count("SELECT count(*) AS n FROM questions WHERE dossier_code = ? AND text = ?", old.code, QUESTION)).toBe(0);
    expect(await count("SELECT count(*) AS n FROM questions WHERE dossier_code = ?", old.code)).toBe(1);
  });

  it("keeps them for a dossier returned 11 months ago, and never touches an open dossier", async () => {
    for (const code of [young.code, open]) {
      const row = (await dossierRow(code))!;
      expect(row.applicant_name).toBe("Trần Văn An");
      expect(row.applicant_factor_hash).not.toBe("");
      expect(row.personal_data_removed_at).toBeNull();
      expect(row.timeline).toContain(PRIVATE_NOTE);
    }
    expect(await count("SELECT count(*) AS n FROM follows WHERE dossier_code = ?", young.code)).toBe(1);
    expect(await count("SELECT count(*) AS n FROM questions WHERE dossier_code = ? AND text = ?", young.code, QUESTION)).toBe(1);
  });

  it("says so in the public and the owner lookups, with status and dates", async () => {
    const pub = await json(await call(`/v1/dossiers/${old.code}`, { ip: "10.44.0.1" }));
    expect(pub).toMatchObject({ view: "public", status: { code: 10 } });
    expect(pub.returnedAt).not.toBeNull();
    expect(pub.personalDataRemovedAt).not.toBeNull();
    expect(pub.personalDataNotice).toBe(
      "Thông tin cá nhân của hồ sơ này đã được xóa theo quy định lưu trữ sau 12 tháng kể từ khi trả kết quả. Trạng thái và các mốc thời gian của hồ sơ vẫn được giữ.",
    );
    const kept = await json(await call(`/v1/dossiers/${young.code}`, { ip: "10.44.0.1" }));
    expect(kept.personalDataRemovedAt).toBeNull();
    expect(kept.personalDataNotice).toBeNull();

    const owner = await json(await call(`/v1/dossiers/${old.code}?t=${old.slipToken}`));
    expect(owner).toMatchObject({ view: "owner", applicant: { name: "" }, statusNote: null, status: { code: 10 } });
    expect(owner.personalDataNotice).toContain("đã được xóa");
    expect(JSON.stringify(owner.timeline)).not.toContain(PRIVATE_NOTE);
  });

  it("answers the unlock with 410 Gone and the notice, not a wrong-digits 403", async () => {
    for (const digits of ["1234", "9999"]) {
      const res = await unlock(old.code, digits);
      expect(res.status).toBe(410);
      const body = await json(res);
      expect(body.error.code).toBe("personal_data_removed");
      expect(body.error.message).toContain("sau 12 tháng kể từ khi trả kết quả");
    }
    expect((await unlock(young.code)).status).toBe(200);
  });
});

describe("a province's own retention", () => {
  it("accepts 1–120 months on the province and refuses anything else", async () => {
    const body = (months: unknown) => ({
      name: "Tỉnh lifecycle-b",
      shortName: B.province,
      channelName: "Dịch vụ công",
      primaryColor: "#b3261e",
      accentColor: "#f4b400",
      dataRetentionMonths: months,
    });
    for (const bad of [0, 121, 6.5, "6"]) expect((await admin(`/v1/admin/provinces/${B.province}`, "PUT", body(bad))).status).toBe(400);
    const res = await admin(`/v1/admin/provinces/${B.province}`, "PUT", body(6));
    expect(res.status).toBe(200);
    expect((await json(res)).dataRetentionMonths).toBe(6);
    // Left as it is when absent.
    const again = await admin(`/v1/admin/provinces/${B.province}`, "PUT", { ...body(6), dataRetentionMonths: undefined });
    expect((await json(again)).dataRetentionMonths).toBe(6);
  });

  it("removes personal data of a dossier refused 7 months ago in a 6-month province, and keeps one refused 5 months ago", async () => {
    const refusedLong = await closedDossier(b, B.agency, 7 * 31, "refused");
    const refusedRecently = await closedDossier(b, B.agency, 5 * 30, "refused");
    await hourly();
    expect((await dossierRow(refusedLong.code))!.applicant_name).toBe("");
    expect((await dossierRow(refusedRecently.code))!.applicant_name).toBe("Trần Văn An");
    const pub = await json(await call(`/v1/dossiers/${refusedLong.code}`, { ip: "10.45.0.1" }));
    expect(pub.personalDataNotice).toContain("sau 6 tháng kể từ khi hồ sơ bị từ chối");
    expect((await json(await call(`/v1/dossiers/${refusedLong.code}?t=${refusedLong.slipToken}`))).statusNote).toBeNull();
  });
});

describe("messages and deliveries", () => {
  it("prunes finished ones older than 90 days with their deliveries, keeps pending and recent ones, and the inbox still answers", async () => {
    const received = intake(A.agency);
    const code = received.dossierCode;
    await sendEvents(a, [received]);
    const slip = await json(await integration(a, "GET", `/v1/integration/dossiers/${code}/slip`));
    const citizen = await signIn(A.province, A.app, "lifecycle-inbox");
    await consent(citizen, "miniapp");
    await follow(citizen, code, slip.slipToken);
    const events = [
      { type: "dossier.supplement_requested", documents: ["Bản sao giấy khai sinh"], deadline: vnTime(3 * DAY_MINUTES) },
      { type: "dossier.fee_requested", amountVnd: 50_000 },
      { type: "dossier.result_ready" },
    ];
    for (const [i, event] of events.entries()) {
      await sendEvents(a, [{ id: `${code}-m${i}`, occurredAt: vnTime(-50 + i), dossierCode: code, ...event }]);
    }
    // Each message handled by the real queue (sent, or held back by Zalo's one-a-day limit), then given the state
    // this test needs: the first finished, the second still waiting, the third recent.
    const ids = await waitFor("three handled deliveries", async () => {
      const rows = await env.DB.prepare(
        "SELECT o.id AS outboxId FROM outbox o JOIN deliveries d ON d.outbox_id = o.id WHERE o.dossier_code = ? AND d.status NOT IN ('queued', 'sending') ORDER BY o.id",
      )
        .bind(code)
        .all<{ outboxId: number }>();
      return rows.results.length === 3 && rows.results.map((r) => r.outboxId);
    });
    const [oldSent, oldPending, recent] = ids as [number, number, number];
    const longAgo = new Date(Date.now() - 100 * 86_400_000).toISOString();
    await env.DB.batch([
      env.DB.prepare("UPDATE outbox SET created_at = ? WHERE id IN (?, ?)").bind(longAgo, oldSent, oldPending),
      env.DB.prepare("UPDATE deliveries SET created_at = ? WHERE outbox_id IN (?, ?)").bind(longAgo, oldSent, oldPending),
      env.DB.prepare("UPDATE deliveries SET status = 'sent' WHERE outbox_id IN (?, ?)").bind(oldSent, recent),
      // As a delivery waiting for the daily limit leaves it: not finished, so neither it nor its message may go.
      env.DB.prepare("UPDATE deliveries SET status = 'deferred', reason = 'user_daily_limit' WHERE outbox_id = ?").bind(oldPending),
    ]);
    await hourly();
    const left = async (table: string, column: string) =>
      (
        await env.DB.prepare(`SELECT ${column} AS id FROM ${table} WHERE ${column} IN (?, ?, ?) ORDER BY ${column}`)
          .bind(oldSent, oldPending, recent)
          .all<{ id: number }>()
      ).results.map((r) => r.id);
    expect(await left("outbox", "id")).toEqual([oldPending, recent]);
    expect(await left("deliveries", "outbox_id")).toEqual([oldPending, recent]);
    const inbox = await asCitizen(citizen, "/v1/me/inbox");
    expect(inbox.status).toBe(200);
    expect((await json(inbox)).messages).toHaveLength(2);
  });
});

describe("feedback photos", () => {
  it("deletes from R2 the photos of feedback closed over a year ago, and keeps younger ones", async () => {
    const closedAt = (days: number) => new Date(Date.now() - days * 86_400_000).toISOString();
    const put = async (id: string, closedDaysAgo: number) => {
      const key = `feedback/lifecycle-${id}.jpg`;
      await env.MEDIA.put(key, jpegWithMetadata(), { httpMetadata: { contentType: "image/jpeg" } });
      const photos = JSON.stringify([{ key, type: "image/jpeg", bytes: 100 }]);
      const row = await env.DB.prepare(
        `INSERT INTO feedback (province_id, citizen_id, category, text, search_text, anonymous, photos, status, closed_at, history, created_at, updated_at)
         VALUES (?, 1, 'environment', 'Rác thải', 'rac thai', 1, ?, 'closed', ?, '[]', ?, ?) RETURNING id`,
      )
        .bind(A.province, photos, closedAt(closedDaysAgo), closedAt(closedDaysAgo + 10), closedAt(closedDaysAgo))
        .first<{ id: number }>();
      return { key, id: row!.id };
    };
    const old = await put("old", 370);
    const young = await put("young", 300);
    await hourly();
    expect(await env.MEDIA.get(old.key)).toBeNull();
    expect(await env.MEDIA.get(young.key)).not.toBeNull();
    const photos = async (id: number) => (await env.DB.prepare("SELECT photos FROM feedback WHERE id = ?").bind(id).first<{ photos: string }>())!.photos;
    expect(JSON.parse(await photos(old.id))).toEqual([]);
    expect(JSON.parse(await photos(young.id))).toHaveLength(1);
    expect(await count("SELECT count(*) AS n FROM media_deletions WHERE key = ?", old.key)).toBe(0);
  });
});

describe("runs", () => {
  it("a run bounded by its batch size stops, and the next run continues", async () => {
    const c = await createProvince(C.province, C.agency);
    const codes: string[] = [];
    for (let i = 0; i < 5; i++) codes.push((await closedDossier(c, C.agency, 400)).code);
    const removed = () => count(`SELECT count(*) AS n FROM dossiers WHERE province_id = ? AND personal_data_removed_at IS NOT NULL`, C.province);
    const first = await run({ batchSize: 2, maxBatches: 1 });
    expect(first.done).toBe(false);
    expect(await removed()).toBe(2);
    await run({ batchSize: 2, maxBatches: 1 });
    expect(await removed()).toBe(4);
    await run({ batchSize: 2, maxBatches: 1 });
    expect(await removed()).toBe(5);
    // A spent time budget starts nothing.
    const spent = await run({ budgetMs: 0 });
    expect(spent).toMatchObject({ done: false, dossiersAnonymised: 0 });
  });

  it("two runs at once neither fail nor process a dossier twice", async () => {
    const d = await createProvince(D.province, D.agency);
    for (let i = 0; i < 6; i++) await closedDossier(d, D.agency, 400);
    const [one, two] = await Promise.all([run({ batchSize: 2 }), run({ batchSize: 2 })]);
    expect(one.dossiersAnonymised + two.dossiersAnonymised).toBe(6);
    expect(await count("SELECT count(*) AS n FROM dossiers WHERE province_id = ? AND personal_data_removed_at IS NULL", D.province)).toBe(0);
    await Promise.all([hourly(), hourly()]);
  });
});

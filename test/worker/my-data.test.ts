/**
 * The citizen's privacy rights, end to end in workerd with the real local D1, R2 and queue: "Dữ liệu của tôi" lists
 * everything held about the signed-in citizen and nothing of anyone else; erasing deletes or anonymises it in one
 * batch, removes the photos from R2, ends the session and records the erasure without personal data.
 */
import { env } from "cloudflare:workers";
import { createScheduledController } from "cloudflare:test";
import { beforeAll, describe, expect, it, vi } from "vitest";
import worker from "../../worker/src/index";
import { signedMediaUrl } from "../../worker/src/security/media-url";
import { slipToken } from "../../worker/src/security/tokens";
import { call, createProvince, intake, integration, json, sendEvents, type Client } from "./helpers";
import { jpegWithMetadata } from "./image-fixtures";
import { asCitizen, connectZalo, consent, follow, linkStaff, signIn, vnTime } from "./zalo-helpers";

const PROVINCE = "privacy-a";
const AGENCY = "000.00.71.H71";
const APP = "7100000001";
const SECRET = "test-server-secret-0123456789abcdef";
const RATING = { extraVisits: "0", agenciesCount: "1", publiclyPosted: "yes", attitude: "courteous", convenience: "convenient", overall: "satisfied" };
const QUESTION = "Hồ sơ của tôi còn thiếu giấy tờ gì không ạ?";
let client: Client;
let officer: string;

beforeAll(async () => {
  client = await createProvince(PROVINCE, AGENCY);
  await connectZalo(PROVINCE, APP);
  officer = await linkStaff(client, PROVINCE, APP, `cb-${AGENCY}`, "privacy-officer");
  await consent(officer, "miniapp");
  for (const [code, name] of [
    ["71001", "Phường Riêng Tư"],
    ["71002", "Xã Bí Mật"],
  ]) {
    expect((await integration(client, "PUT", `/v1/integration/communes/${code}`, { name })).status).toBe(200);
  }
});

function sendFeedback(session: string, text: string, photos: number) {
  const form = new FormData();
  form.append("category", "environment");
  form.append("text", text);
  form.append("senderName", "Nguyễn Văn Bình");
  for (let i = 0; i < photos; i++) form.append("photos", new File([jpegWithMetadata()], `anh-${i}.jpg`, { type: "image/jpeg" }));
  return call("/v1/me/feedback", { method: "POST", headers: { authorization: `Bearer ${session}` }, body: form });
}

const count = async (sql: string, ...binds: unknown[]) =>
  (await env.DB.prepare(sql)
    .bind(...binds)
    .first<{ n: number }>())!.n;

/**
 * A citizen with everything the app can hold: two followed dossiers (one returned and rated, one open with an
 * answered question), consents on both channels' history, messages, feedback with two photos, a staff link, two
 * communes chosen for alerts and news.
 */
async function citizenWithEverything(userId: string) {
  const session = await signIn(PROVINCE, APP, userId);
  await consent(session, "miniapp");
  expect((await asCitizen(session, "/v1/me/consents/miniapp", "DELETE")).status).toBe(204);
  await consent(session, "miniapp");
  const returned = intake(AGENCY, { occurredAt: vnTime(-300), receivedAt: vnTime(-300) });
  const open = intake(AGENCY);
  await sendEvents(client, [
    returned,
    open,
    { id: `${returned.dossierCode}-ret`, type: "dossier.returned", occurredAt: vnTime(-10), dossierCode: returned.dossierCode },
  ]);
  await follow(session, returned.dossierCode, await slipToken(SECRET, returned.dossierCode));
  await follow(session, open.dossierCode, await slipToken(SECRET, open.dossierCode));
  expect(
    (await asCitizen(session, `/v1/me/dossiers/${returned.dossierCode}/rating`, "POST", { ...RATING, comment: `Cán bộ nhiệt tình, ${userId}` })).status,
  ).toBe(201);
  const asked = await asCitizen(session, `/v1/me/dossiers/${open.dossierCode}/questions`, "POST", { text: `${QUESTION} (${userId})` });
  expect(asked.status).toBe(201);
  const question = await json(asked);
  expect((await asCitizen(officer, `/v1/staff/questions/${question.id}/answer`, "POST", { text: "Hồ sơ đã đủ giấy tờ, ông/bà chờ kết quả." })).status).toBe(
    200,
  );
  const chose = await asCitizen(session, "/v1/me/communes", "PUT", {
    communes: [
      { code: "71001", purpose: "home" },
      { code: "71002", purpose: "family" },
    ],
  });
  expect(chose.status).toBe(200);
  const sent = await sendFeedback(session, `Cống thoát nước trước nhà số 5 bị tắc, ${userId} báo.`, 2);
  expect(sent.status).toBe(201);
  const feedback = await json(sent);
  const ids = await env.DB.prepare("SELECT id FROM citizens WHERE zalo_user_id = ?").bind(userId).first<{ id: number }>();
  const citizenId = ids!.id;
  // The messages owed to them reach the inbox through the real queue.
  await vi.waitFor(async () => expect(await count("SELECT count(*) AS n FROM deliveries WHERE citizen_id = ?", citizenId)).toBeGreaterThanOrEqual(2), {
    timeout: 15_000,
    interval: 150,
  });
  const photoKeys = (await env.DB.prepare("SELECT photos FROM feedback WHERE id = ?").bind(feedback.id).first<{ photos: string }>())!.photos;
  return {
    session,
    citizenId,
    returned: returned.dossierCode,
    open: open.dossierCode,
    question,
    feedback,
    photoKeys: (JSON.parse(photoKeys) as { key: string }[]).map((p) => p.key),
  };
}

/**
 * A citizen's data without what moves by itself while a test runs: the export time, photo links (signed for the
 * hour), and how far each message's delivery has got through the queue.
 */
async function stableDataOf(session: string) {
  const held = await json(await asCitizen(session, "/v1/me/data"));
  return {
    ...held,
    exportedAt: null,
    messages: held.messages.map((m: { kind: string; subject: string; title: string }) => [m.kind, m.subject, m.title]),
    feedback: held.feedback.map((f: { id: number; text: string; photos: unknown[] }) => [f.id, f.text, f.photos.length]),
  };
}

describe("Dữ liệu của tôi", () => {
  it("lists everything held about the signed-in citizen, never cached, and nothing of another citizen", async () => {
    const a = await citizenWithEverything("privacy-a-1");
    const b = await citizenWithEverything("privacy-b-1");
    const res = await asCitizen(a.session, "/v1/me/data");
    expect(res.status).toBe(200);
    expect(res.headers.get("cache-control")).toBe("private, no-store");
    const held = await json(res);
    expect(held.account).toMatchObject({ provinceId: PROVINCE, phone: null });
    expect(held.follows.map((f: { dossierCode: string }) => f.dossierCode).sort()).toEqual([a.returned, a.open].sort());
    expect(held.consents).toHaveLength(2);
    expect(held.consents[0].withdrawnAt).not.toBeNull();
    expect(held.consents[1]).toMatchObject({ channel: "miniapp", withdrawnAt: null });
    expect(held.ratings).toEqual([expect.objectContaining({ dossierCode: a.returned, comment: "Cán bộ nhiệt tình, privacy-a-1" })]);
    expect(held.questions).toEqual([expect.objectContaining({ id: a.question.id, status: "answered", answer: "Hồ sơ đã đủ giấy tờ, ông/bà chờ kết quả." })]);
    expect(held.feedback).toHaveLength(1);
    expect(held.feedback[0]).toMatchObject({ id: a.feedback.id, senderName: "Nguyễn Văn Bình" });
    expect(held.feedback[0].photos).toHaveLength(2);
    // Photo links point at the deployment's configured origin, never at the Host the request named.
    expect(held.feedback[0].photos[0].url.startsWith(`${env.PUBLIC_ORIGIN}/v1/media/`)).toBe(true);
    expect((await call(new URL(held.feedback[0].photos[0].url).pathname)).status).toBe(200);
    const kinds = held.messages.map((m: { kind: string }) => m.kind);
    expect(kinds).toEqual(expect.arrayContaining(["question_answered", "feedback_received"]));
    for (const m of held.messages) expect(m.delivery.status).toMatch(/queued|sending|sent|failed_temporary|failed_permanent/);
    expect(held.staff).toBeNull();
    expect(held.communes).toEqual([
      { code: "71001", name: "Phường Riêng Tư", purpose: "home", chosenAt: expect.any(String) },
      { code: "71002", name: "Xã Bí Mật", purpose: "family", chosenAt: expect.any(String) },
    ]);
    // Nothing of B anywhere in A's data.
    const text = JSON.stringify(held);
    for (const trace of ["privacy-b-1", b.returned, b.open, `${String(b.feedback.id)},"reference"`]) expect(text).not.toContain(trace);

    expect((await call("/v1/me/data")).status).toBe(401);
    const officerData = await json(await asCitizen(officer, "/v1/me/data"));
    expect(officerData.staff).toMatchObject({ officerId: `cb-${AGENCY}` });
    expect(officerData.questions).toEqual([]);
  });
});

describe("erasing the citizen", () => {
  it("deletes or anonymises everything tied to them in one go, removes the photos, ends the session and records only counts", async () => {
    const a = await citizenWithEverything("privacy-a-2");
    const b = await citizenWithEverything("privacy-b-2");
    const bBefore = await stableDataOf(b.session);
    const ratingsBefore = await count("SELECT count(*) AS n FROM ratings WHERE province_id = ?", PROVINCE);
    for (const key of a.photoKeys) expect(await env.MEDIA.get(key)).not.toBeNull();
    expect(await count("SELECT count(*) AS n FROM outbox WHERE params LIKE ?", "%(privacy-a-2)%")).toBe(1);
    const oldPhotoUrl = (await json(await asCitizen(a.session, "/v1/me/data"))).feedback[0].photos[0].url;

    const res = await asCitizen(a.session, "/v1/me", "DELETE");
    expect(res.status).toBe(200);
    const erased = await json(res);
    expect(erased).toEqual({
      erasedAt: expect.stringMatching(/:00\.000Z$/),
      removed: { follows: 2, consents: 2, messages: expect.any(Number), questions: 1, feedback: 1, photos: 2, staffLink: 0, communes: 2 },
      ratingsKeptAnonymously: 1,
    });
    expect(erased.removed.messages).toBeGreaterThanOrEqual(2);

    // In D1: nothing left tied to A.
    const id = a.citizenId;
    for (const [table, column] of [
      ["citizens", "id"],
      ["follows", "citizen_id"],
      ["consents", "citizen_id"],
      ["deliveries", "citizen_id"],
      ["outbox", "recipient_citizen_id"],
      ["questions", "citizen_id"],
      ["feedback", "citizen_id"],
      ["ratings", "citizen_id"],
      ["staff_links", "citizen_id"],
      ["citizen_communes", "citizen_id"],
    ]) {
      expect(await count(`SELECT count(*) AS n FROM ${table} WHERE ${column} = ?`, id), table).toBe(0);
    }
    expect(await count("SELECT count(*) AS n FROM questions WHERE id = ?", a.question.id)).toBe(0);
    expect(await count("SELECT count(*) AS n FROM feedback WHERE id = ?", a.feedback.id)).toBe(0);
    // The officer's copy of "a new question" no longer quotes A's words.
    expect(await count("SELECT count(*) AS n FROM outbox WHERE params LIKE ?", "%(privacy-a-2)%")).toBe(0);
    expect(await count("SELECT count(*) AS n FROM outbox WHERE kind = 'staff_question' AND dedupe_key LIKE ?", `staff_question:${a.question.id}:%`)).toBe(1);
    // The rating still counts, with no one and no words tied to it.
    const rating = await env.DB.prepare("SELECT citizen_id, comment, overall FROM ratings WHERE dossier_code = ?").bind(a.returned).first();
    expect(rating).toEqual({ citizen_id: null, comment: null, overall: "satisfied" });
    expect(await count("SELECT count(*) AS n FROM ratings WHERE province_id = ?", PROVINCE)).toBe(ratingsBefore);
    const summary = await json(await asCitizen(officer, "/v1/staff/ratings/summary?groupBy=agency"));
    expect(JSON.stringify(summary)).toContain(AGENCY);

    // R2: the photos are gone, and the links handed out before no longer open them.
    for (const key of a.photoKeys) expect(await env.MEDIA.get(key)).toBeNull();
    expect(await count("SELECT count(*) AS n FROM media_deletions")).toBe(0);
    expect((await call(new URL(oldPhotoUrl).pathname)).status).toBe(404);

    // The session ended: a well-signed token for an account that is gone is refused, everywhere.
    for (const path of ["/v1/me", "/v1/me/data", "/v1/me/follows"]) expect((await asCitizen(a.session, path)).status).toBe(401);
    expect((await asCitizen(a.session, "/v1/me/follows", "POST", { code: a.open, t: await slipToken(SECRET, a.open) })).status).toBe(401);
    expect(await count("SELECT count(*) AS n FROM follows WHERE citizen_id = ?", id)).toBe(0);

    // The record: the province, the minute, the counts; no id, Zalo id, code or words of A's.
    const records = await env.DB.prepare("SELECT * FROM erasures").all<Record<string, unknown>>();
    expect(records.results).toHaveLength(1);
    const record = records.results[0]!;
    expect(Object.keys(record).sort()).toEqual(["counts", "erased_at", "id", "province_id"]);
    expect(record).toMatchObject({ province_id: PROVINCE, erased_at: erased.erasedAt });
    expect(JSON.parse(record.counts as string)).toEqual({ ...erased.removed, ratingsKeptAnonymously: 1 });
    const recordText = JSON.stringify(record);
    for (const trace of ["privacy-a-2", a.returned, a.open, ...a.photoKeys]) expect(recordText).not.toContain(trace);

    // B is untouched.
    expect(await stableDataOf(b.session)).toEqual(bBefore);
    for (const key of b.photoKeys) expect(await env.MEDIA.get(key)).not.toBeNull();

    // Signing in again with the same Zalo account starts from nothing.
    const again = await signIn(PROVINCE, APP, "privacy-a-2");
    const fresh = await json(await asCitizen(again, "/v1/me/data"));
    expect(fresh).toMatchObject({ follows: [], consents: [], messages: [], ratings: [], questions: [], feedback: [], communes: [] });
  });

  it("is safe when the same citizen asks to erase many times at once: one erasure, one record", async () => {
    const a = await citizenWithEverything("privacy-a-3");
    const before = await count("SELECT count(*) AS n FROM erasures");
    const answers = await Promise.all(Array.from({ length: 8 }, () => asCitizen(a.session, "/v1/me", "DELETE")));
    const statuses = answers.map((r) => r.status).sort();
    expect(statuses.filter((s) => s === 200)).toHaveLength(1);
    expect(statuses.filter((s) => s !== 200).every((s) => s === 401)).toBe(true);
    for (const r of answers.filter((r) => r.status === 401)) expect((await json(r)).error.code).toBe("invalid_session");
    expect(await count("SELECT count(*) AS n FROM erasures")).toBe(before + 1);
    expect(await count("SELECT count(*) AS n FROM citizens WHERE id = ?", a.citizenId)).toBe(0);
    for (const key of a.photoKeys) expect(await env.MEDIA.get(key)).toBeNull();
  });

  it("keeps a photo R2 could not delete out of reach, and the hourly sweep deletes it later", async () => {
    // As an erasure leaves it when R2 fails: the object still stored, its key pending deletion.
    const key = "feedback/privacy-left-behind.jpg";
    await env.MEDIA.put(key, jpegWithMetadata(), { httpMetadata: { contentType: "image/jpeg" } });
    const url = await signedMediaUrl(SECRET, "http://motcua.test", key, Date.now());
    expect((await call(new URL(url).pathname)).status).toBe(200);
    await env.DB.prepare("INSERT INTO media_deletions (key, requested_at) VALUES (?, ?)").bind(key, new Date().toISOString()).run();
    expect((await call(new URL(url).pathname)).status).toBe(404);

    await worker.scheduled(createScheduledController({ cron: "17 * * * *", scheduledTime: Date.now() }), env);
    expect(await env.MEDIA.get(key)).toBeNull();
    expect(await count("SELECT count(*) AS n FROM media_deletions WHERE key = ?", key)).toBe(0);
  });

  it("documents both routes in the OpenAPI document, for the signed-in citizen", async () => {
    const doc = await json(await call("/v1/openapi.json"));
    expect(doc.paths["/v1/me/data"].get).toMatchObject({ security: [{ citizenSession: [] }], tags: ["Citizen account"] });
    expect(doc.paths["/v1/me"].delete.summary).toContain("Xóa dữ liệu của tôi");
    expect(doc.paths["/v1/me"].get).toBeDefined();
  });
});

/**
 * What a citizen who sends feedback is told and what the staff handling it see, in workerd with the real local D1:
 * the date the answer is due (10 working days after it was received, or after the citizen sent it back), and the
 * place the citizen chose to share, shown to staff with its commune and a map link but never to the public.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { addWorkingDays, FEEDBACK_ANSWER_WORKING_DAYS } from "../../worker/src/domain/voice";
import { call, createProvince, json, putReference, type Client } from "./helpers";
import { asCitizen, connectZalo, linkStaff, signIn } from "./zalo-helpers";

const PROVINCE = "trust-a";
const AGENCY = "000.00.61.H61";
const COMMUNE = "000.00.62.H61";
const APP = "6100000001";
const DAY_MS = 24 * 3600_000;
let client: Client;
let admin: string;
let officer: string;

const putRef = (path: string, body: unknown) => putReference(client, path, body);
const linkOfficer = (officerId: string, zaloUser: string) => linkStaff(client, PROVINCE, APP, officerId, zaloUser);

beforeAll(async () => {
  client = await createProvince(PROVINCE, AGENCY);
  await connectZalo(PROVINCE, APP);
  await putRef(`/v1/integration/agencies/${COMMUNE}`, { name: "Trung tâm Phục vụ hành chính công phường Hạc Thành", level: "commune" });
  await putRef("/v1/integration/officers/cb-admin61", {
    displayName: "Phạm Văn Minh",
    title: "Giám đốc",
    departmentId: `tp-${AGENCY}`,
    role: "province_admin",
  });
  admin = await linkOfficer("cb-admin61", "trust-admin");
  officer = await linkOfficer(`cb-${AGENCY}`, "trust-officer");
});

async function sendFeedback(session: string, fields: Record<string, string>) {
  const form = new FormData();
  for (const [k, v] of Object.entries(fields)) form.append(k, v);
  const res = await call("/v1/me/feedback", { method: "POST", headers: { authorization: `Bearer ${session}` }, body: form });
  expect(res.status).toBe(201);
  return json(res);
}

const FEEDBACK = { category: "traffic_infrastructure", text: "Cột đèn đổ nghiêng ra lòng đường trước chợ Vườn Hoa, rất nguy hiểm." };
const SHARED = { sharePlace: "true", lat: "19.806712", lng: "105.785231", placeLabel: "Trước cổng chợ Vườn Hoa" };

async function openFeedbackOf(session: string, id: number) {
  const inbox = await json(await asCitizen(session, "/v1/staff/inbox?kind=feedback"));
  return inbox.feedback.find((f: { id: number }) => f.id === id);
}

describe("the date an answer is due", () => {
  it("is 10 working days after the feedback was received, told to the citizen and shown to staff", async () => {
    const citizen = await signIn(PROVINCE, APP, "trust-due");
    const sent = await sendFeedback(citizen, FEEDBACK);
    expect(FEEDBACK_ANSWER_WORKING_DAYS).toBe(10);
    expect(sent.answerDueAt).toBe(addWorkingDays(sent.createdAt, 10));
    // Ten working days are two weeks, whatever day it was sent; never a weekend in Vietnam.
    const days = (Date.parse(sent.answerDueAt) - Date.parse(sent.createdAt)) / DAY_MS;
    expect(days).toBeGreaterThanOrEqual(14);
    expect(days).toBeLessThanOrEqual(16);
    expect([0, 6]).not.toContain(new Date(Date.parse(sent.answerDueAt) + 7 * 3600_000).getUTCDay());

    const mine = await json(await asCitizen(citizen, `/v1/me/feedback/${sent.id}`));
    expect(mine.answerDueAt).toBe(sent.answerDueAt);
    expect((await json(await asCitizen(citizen, "/v1/me/feedback"))).feedback[0].answerDueAt).toBe(sent.answerDueAt);
    expect((await openFeedbackOf(admin, sent.id)).answerDueAt).toBe(sent.answerDueAt);
  });

  it("starts again when the citizen sends it back after an answer that did not solve it", async () => {
    const citizen = await signIn(PROVINCE, APP, "trust-reopen");
    const sent = await sendFeedback(citizen, FEEDBACK);
    expect((await asCitizen(admin, `/v1/staff/feedback/${sent.id}/assign`, "POST", { agencyId: AGENCY })).status).toBe(200);
    expect((await asCitizen(officer, `/v1/staff/feedback/${sent.id}/answer`, "POST", { text: "Đã cử người dựng lại cột đèn." })).status).toBe(200);
    const reopened = await json(await asCitizen(citizen, `/v1/me/feedback/${sent.id}/reopen`, "POST", { reason: "Cột đèn vẫn nghiêng như cũ." }));
    const reopenedAt = reopened.history.find((h: { status: string }) => h.status === "reopened").at;
    expect(reopened.answerDueAt).toBe(addWorkingDays(reopenedAt, 10));
    expect(Date.parse(reopened.answerDueAt)).toBeGreaterThanOrEqual(Date.parse(sent.answerDueAt));
    expect((await openFeedbackOf(officer, sent.id)).answerDueAt).toBe(reopened.answerDueAt);
  });

  it("is not part of the public list", async () => {
    const citizen = await signIn(PROVINCE, APP, "trust-due-public");
    const sent = await sendFeedback(citizen, FEEDBACK);
    expect((await asCitizen(admin, `/v1/staff/feedback/${sent.id}/answer`, "POST", { text: "Đã dựng lại cột đèn." })).status).toBe(200);
    const shown = (await json(await call(`/v1/provinces/${PROVINCE}/feedback`))).feedback.find((f: { id: number }) => f.id === sent.id);
    expect(shown).toBeDefined();
    expect(shown).not.toHaveProperty("answerDueAt");
  });
});

describe("the place a citizen shares", () => {
  it("reaches the staff inbox with its commune, coordinates and a map link", async () => {
    const citizen = await signIn(PROVINCE, APP, "trust-place");
    const sent = await sendFeedback(citizen, { ...FEEDBACK, district: COMMUNE, ...SHARED });
    const expectedPlace = { lat: 19.806712, lng: 105.785231, label: "Trước cổng chợ Vườn Hoa" };
    expect(sent.place).toEqual(expectedPlace);

    const item = await openFeedbackOf(admin, sent.id);
    expect(item.place).toEqual({ ...expectedPlace, mapUrl: "https://www.google.com/maps/search/?api=1&query=19.806712,105.785231" });
    expect(item.district).toEqual({ id: COMMUNE, name: "Phường Hạc Thành" });
    // The officer of the agency it is routed to sees it too.
    expect((await asCitizen(admin, `/v1/staff/feedback/${sent.id}/assign`, "POST", { agencyId: AGENCY })).status).toBe(200);
    expect((await openFeedbackOf(officer, sent.id)).place.mapUrl).toBe(item.place.mapUrl);
  });

  it("is never in the public list once answered, nor found there by its label; the commune is shown", async () => {
    const citizen = await signIn(PROVINCE, APP, "trust-place-public");
    const sent = await sendFeedback(citizen, { ...FEEDBACK, district: COMMUNE, ...SHARED });
    const answered = await asCitizen(admin, `/v1/staff/feedback/${sent.id}/answer`, "POST", { text: "Đã dựng lại cột đèn trước chợ." });
    expect(answered.status).toBe(200);
    expect((await json(answered)).place.lat).toBe(19.806712);

    const list = await json(await call(`/v1/provinces/${PROVINCE}/feedback`));
    const shown = list.feedback.find((f: { id: number }) => f.id === sent.id);
    expect(shown).toMatchObject({ place: null, district: { id: COMMUNE, name: "Phường Hạc Thành" } });
    const one = await json(await call(`/v1/provinces/${PROVINCE}/feedback/${sent.id}`));
    expect(one.place).toBeNull();
    for (const text of [JSON.stringify(list), JSON.stringify(one)]) {
      expect(text).not.toContain("19.806712");
      expect(text).not.toContain("105.785231");
      expect(text).not.toContain("google.com/maps");
    }
    const search = async (q: string) =>
      (await json(await call(`/v1/provinces/${PROVINCE}/feedback?q=${encodeURIComponent(q)}`))).feedback.map((f: { id: number }) => f.id);
    expect(await search("truoc cong")).not.toContain(sent.id);
    expect(await search("cho vuon hoa")).toContain(sent.id);
  });

  it("is nowhere when the citizen did not choose to share it, label included", async () => {
    const citizen = await signIn(PROVINCE, APP, "trust-no-place");
    const sent = await sendFeedback(citizen, { ...FEEDBACK, lat: "19.8", lng: "105.78", placeLabel: "Nhà số 7 ngõ Hòe Nhai" });
    expect(sent.place).toBeNull();
    expect((await openFeedbackOf(admin, sent.id)).place).toBeNull();
    expect((await asCitizen(admin, `/v1/staff/feedback/${sent.id}/answer`, "POST", { text: "Đã dựng lại cột đèn." })).status).toBe(200);
    const search = await json(await call(`/v1/provinces/${PROVINCE}/feedback?q=hoe nhai`));
    expect(search.feedback.map((f: { id: number }) => f.id)).not.toContain(sent.id);
    const found = await json(await call(`/v1/provinces/${PROVINCE}/feedback?q=cot den`));
    expect(found.feedback.map((f: { id: number }) => f.id)).toContain(sent.id);
  });
});

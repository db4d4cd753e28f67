import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { slipToken } from "../../worker/src/security/tokens";
import { call, createProvince, intake, json, sendEvents, vnDayAt, type Client } from "./helpers";
import { count, deliveriesOf, failWrites, faultCounter, messagesTo, settled, waitFor } from "./faults-helpers";
import { jpegWithMetadata } from "./image-fixtures";
import { asCitizen, connectZalo, consent, follow, signIn, vnTime } from "./zalo-helpers";

/**
 * D1 failing in the middle of a batch: a trigger aborts a write late in the request's batch. The request must say
 * so (5xx in the error shape, or the event's own `storage_error`), keep nothing of the batch, and succeed as sent
 * the first time once the database is well again.
 */
const PROVINCE = "faults-d1";
const AGENCY = "000.00.71.H71";
const APP = "7100000001";
const SECRET = "test-server-secret-0123456789abcdef";
let client: Client;
const survived = faultCounter("D1 failing mid-batch");

beforeAll(async () => {
  client = await createProvince(PROVINCE, AGENCY);
  await connectZalo(PROVINCE, APP);
});

/** The error shape every failed request answers with, and a Vietnamese message for citizens. */
async function expectServerError(res: Response) {
  // A storage failure is "busy, retry", never an unexplained 500.
  expect(res.status).toBe(503);
  expect(res.headers.get("retry-after")).toMatch(/^\d+$/);
  const body = await json(res);
  expect(body.error.code).toBe("storage_unavailable");
  expect(body.error.message).toMatch(/[ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ]/);
  return body;
}

async function follower(userId: string) {
  const session = await signIn(PROVINCE, APP, userId);
  await consent(session, "miniapp");
  const received = intake(AGENCY, { occurredAt: vnTime(-60), receivedAt: vnTime(-60) });
  await sendEvents(client, [received]);
  await follow(session, received.dossierCode, await slipToken(SECRET, received.dossierCode));
  return { session, code: received.dossierCode };
}

describe("D1 fails in the middle of a batch", () => {
  it("event ingestion: the event is refused with storage_error 503, nothing of it is stored, and re-sent it is applied and messaged once", async () => {
    const { code } = await follower("d1-events");
    const before = await env.DB.prepare("SELECT status, version FROM dossiers WHERE code = ?").bind(code).first();
    const event = {
      id: `${code}-supp`,
      type: "dossier.supplement_requested",
      occurredAt: vnTime(-5),
      dossierCode: code,
      documents: ["Bản sao Giấy khai sinh"],
      deadline: vnDayAt(7, "16:30"),
    };

    // The outbox row is the last write of the event's batch.
    const heal = await failWrites("outbox");
    const failed = await sendEvents(client, [event], ["rejected"]);
    await heal();
    expect(failed.results[0]).toMatchObject({ id: event.id, outcome: "rejected", error: { code: "storage_error", status: 503 } });
    expect(await count("SELECT count(*) AS n FROM dossier_events WHERE dossier_code = ?", code)).toBe(1);
    expect(await count("SELECT count(*) AS n FROM outbox WHERE dossier_code = ?", code)).toBe(0);
    expect(await env.DB.prepare("SELECT status, version FROM dossiers WHERE code = ?").bind(code).first()).toEqual(before);

    await sendEvents(client, [event], ["applied"]);
    expect((await env.DB.prepare("SELECT status FROM dossiers WHERE code = ?").bind(code).first<{ status: number }>())!.status).toBe(5);
    await waitFor("the delivery", async () => settled(await deliveriesOf(code)));
    expect((await deliveriesOf(code)).map((d) => d.status)).toEqual(["sent"]);
    expect(await messagesTo("d1-events")).toHaveLength(1);
    await sendEvents(client, [event], ["duplicate"]);
    survived();
  });

  it("consent: a failed grant leaves the open consent as it was, and the same grant then succeeds", async () => {
    const session = await signIn(PROVINCE, APP, "d1-consent");
    await consent(session, "miniapp");
    const openConsents = () =>
      count("SELECT count(*) AS n FROM consents c JOIN citizens z ON z.id = c.citizen_id WHERE z.zalo_user_id = ? AND c.withdrawn_at IS NULL", "d1-consent");
    const allConsents = () => count("SELECT count(*) AS n FROM consents c JOIN citizens z ON z.id = c.citizen_id WHERE z.zalo_user_id = ?", "d1-consent");

    // The batch withdraws the open grant, then inserts the new one: the insert fails.
    const heal = await failWrites("consents");
    const grant = { purpose: "dossier_updates", wording: "Tôi đồng ý nhận thông báo về hồ sơ của tôi qua Zalo." };
    await expectServerError(await asCitizen(session, "/v1/me/consents/miniapp", "PUT", grant));
    await heal();
    expect(await openConsents()).toBe(1);
    expect(await allConsents()).toBe(1);

    expect((await asCitizen(session, "/v1/me/consents/miniapp", "PUT", grant)).status).toBe(200);
    expect(await openConsents()).toBe(1);
    expect(await allConsents()).toBe(2);
    survived();
  });

  it("follow: a failed follow stores nothing and the same request then follows", async () => {
    const session = await signIn(PROVINCE, APP, "d1-follow");
    const received = intake(AGENCY);
    await sendEvents(client, [received]);
    const body = { code: received.dossierCode, t: await slipToken(SECRET, received.dossierCode) };
    const heal = await failWrites("follows");
    await expectServerError(await asCitizen(session, "/v1/me/follows", "POST", body));
    await heal();
    expect(await count("SELECT count(*) AS n FROM follows WHERE dossier_code = ?", received.dossierCode)).toBe(0);
    expect((await asCitizen(session, "/v1/me/follows", "POST", body)).status).toBe(201);
    expect(await count("SELECT count(*) AS n FROM follows WHERE dossier_code = ?", received.dossierCode)).toBe(1);
    survived();
  });

  it("feedback with photos: 503 storage_unavailable, no feedback, no message, no counted submission, and no photo left in R2", async () => {
    const session = await signIn(PROVINCE, APP, "d1-feedback");
    const send = () => {
      const form = new FormData();
      form.append("category", "traffic_infrastructure");
      form.append("text", "Đèn đường ở ngõ 12 phố Lê Lợi hỏng đã hai tuần, buổi tối rất tối.");
      form.append("photos", new File([jpegWithMetadata()], "den.jpg", { type: "image/jpeg" }));
      form.append("photos", new File([jpegWithMetadata()], "den-2.jpg", { type: "image/jpeg" }));
      return call("/v1/me/feedback", { method: "POST", headers: { authorization: `Bearer ${session}` }, body: form });
    };
    const stored = async () => (await env.MEDIA.list()).objects.length;
    const photosBefore = await stored();
    const throttlesBefore = await count("SELECT coalesce(sum(count), 0) AS n FROM throttles");

    // The citizen's "received" message goes in after the feedback row, in the same batch.
    const heal = await failWrites("outbox", "NEW.kind = 'feedback_received'");
    const failed = await expectServerError(await send());
    await heal();
    expect(failed.error.code).toBe("storage_unavailable");
    expect(await count("SELECT count(*) AS n FROM feedback f JOIN citizens z ON z.id = f.citizen_id WHERE z.zalo_user_id = ?", "d1-feedback")).toBe(0);
    expect(await count("SELECT count(*) AS n FROM outbox WHERE kind = 'feedback_received'")).toBe(0);
    expect(await count("SELECT coalesce(sum(count), 0) AS n FROM throttles")).toBe(throttlesBefore);
    expect(await stored()).toBe(photosBefore);

    const res = await send();
    expect(res.status).toBe(201);
    const created = await json(res);
    expect(created.photos).toHaveLength(2);
    expect(await stored()).toBe(photosBefore + 2);
    expect((await call(new URL(created.photos[0].url).pathname)).status).toBe(200);
    survived();
  });

  it("rating: a failed rating stores nothing, the dossier can still be rated, and then only once", async () => {
    const received = intake(AGENCY, { occurredAt: vnTime(-3 * 24 * 60), receivedAt: vnTime(-3 * 24 * 60) });
    const code = received.dossierCode;
    await sendEvents(client, [
      received,
      { id: `${code}-ready`, type: "dossier.result_ready", occurredAt: vnTime(-60), dossierCode: code },
      { id: `${code}-returned`, type: "dossier.returned", occurredAt: vnTime(-30), dossierCode: code },
    ]);
    const t = await slipToken(SECRET, code);
    // The answers the form offers first, whatever they are.
    const form = await json(await call(`/v1/dossiers/${encodeURIComponent(code)}/rating?t=${encodeURIComponent(t)}`));
    const answers = Object.fromEntries(form.questions.map((q: { id: string; options: { value: string }[] }) => [q.id, q.options[0]!.value]));
    const rate = () =>
      call(`/v1/dossiers/${encodeURIComponent(code)}/rating`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ t, ...answers }),
      });
    const heal = await failWrites("ratings");
    await expectServerError(await rate());
    await heal();
    expect(await count("SELECT count(*) AS n FROM ratings WHERE dossier_code = ?", code)).toBe(0);
    expect((await rate()).status).toBe(201);
    expect((await rate()).status).toBe(409);
    expect(await count("SELECT count(*) AS n FROM ratings WHERE dossier_code = ?", code)).toBe(1);
    survived();
  });
});

/**
 * Who may read and change what, over every route of the citizen's voice, for each kind of caller: nobody signed
 * in, citizen A (who owns the dossiers and the feedback), citizen B, the officer handling A's dossier, an officer
 * of another agency of the same province, an officer of province Y, the department head and the province admin.
 * Refusals change nothing; only the allowed caller's action lands.
 */
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { slipToken } from "../../worker/src/security/tokens";
import { call, createProvince, intake, integration, json, putReference, sendEvents, type Client } from "./helpers";
import { asCitizen, connectZalo, follow, linkStaff, signIn, vnTime } from "./zalo-helpers";

const SECRET = "test-server-secret-0123456789abcdef";
const X = { province: "authz-x", agency: "000.00.61.H61", commune: "000.00.62.H61", app: "6100000001" };
const Y = { province: "authz-y", agency: "000.00.63.H63", app: "6300000001" };
const ACTORS = ["anonymous", "citizenA", "citizenB", "officerX", "otherAgencyOfficer", "officerY", "departmentHead", "provinceAdmin"] as const;
type Actor = (typeof ACTORS)[number];
const STAFF: Actor[] = ["officerX", "otherAgencyOfficer", "officerY", "departmentHead", "provinceAdmin"];

let clientX: Client;
let clientY: Client;
const sessions = {} as Record<Actor, string | null>;
let returnedCode: string;
let openCode: string;
let feedbackId: number;

function as(actor: Actor, path: string, method = "GET", body?: unknown) {
  const session = sessions[actor];
  if (!session)
    return call(path, {
      method,
      headers: body === undefined ? {} : { "content-type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  return asCitizen(session, path, method, body);
}

beforeAll(async () => {
  clientX = await createProvince(X.province, X.agency);
  clientY = await createProvince(Y.province, Y.agency);
  await connectZalo(X.province, X.app);
  await connectZalo(Y.province, Y.app);
  await putReference(clientX, `/v1/integration/agencies/${X.commune}`, { name: "Trung tâm Phục vụ hành chính công xã Thọ Xuân", level: "commune" });
  await putReference(clientX, `/v1/integration/departments/dp-commune`, { agencyId: X.commune, name: "Bộ phận một cửa xã" });
  await putReference(clientX, "/v1/integration/officers/cb-commune", { displayName: "Đỗ Văn Hùng", title: "Công chức", departmentId: "dp-commune" });
  await putReference(clientX, "/v1/integration/officers/cb-head", {
    displayName: "Lê Thị Thu Hà",
    title: "Trưởng phòng",
    departmentId: `tp-${X.agency}`,
    role: "department_head",
  });
  await putReference(clientX, "/v1/integration/officers/cb-admin", {
    displayName: "Phạm Văn Minh",
    title: "Giám đốc",
    departmentId: `tp-${X.agency}`,
    role: "province_admin",
  });

  sessions.anonymous = null;
  sessions.citizenA = await signIn(X.province, X.app, "authz-a");
  sessions.citizenB = await signIn(X.province, X.app, "authz-b");
  sessions.officerX = await linkStaff(clientX, X.province, X.app, `cb-${X.agency}`, "authz-officer");
  sessions.otherAgencyOfficer = await linkStaff(clientX, X.province, X.app, "cb-commune", "authz-commune");
  sessions.officerY = await linkStaff(clientY, Y.province, Y.app, `cb-${Y.agency}`, "authz-officer-y");
  sessions.departmentHead = await linkStaff(clientX, X.province, X.app, "cb-head", "authz-head");
  sessions.provinceAdmin = await linkStaff(clientX, X.province, X.app, "cb-admin", "authz-admin");

  const ret = intake(X.agency, { occurredAt: vnTime(-300), receivedAt: vnTime(-300) });
  const open = intake(X.agency, { occurredAt: vnTime(-300), receivedAt: vnTime(-300) });
  returnedCode = ret.dossierCode;
  openCode = open.dossierCode;
  await sendEvents(clientX, [ret, open, { id: `${returnedCode}-ret`, type: "dossier.returned", occurredAt: vnTime(-10), dossierCode: returnedCode }]);
  await follow(sessions.citizenA!, returnedCode, await slipToken(SECRET, returnedCode));
  await follow(sessions.citizenA!, openCode, await slipToken(SECRET, openCode));
  // Province Y has a dossier of its own, followed by its officer's account (as a citizen).
  const ydossier = intake(Y.agency);
  await sendEvents(clientY, [ydossier]);
  await follow(sessions.officerY!, ydossier.dossierCode, await slipToken(SECRET, ydossier.dossierCode));

  const form = new FormData();
  form.append("category", "environment");
  form.append("text", "Rác thải đổ bừa bãi ở chân cầu Bến Ngự nhiều ngày.");
  form.append("senderName", "Nguyễn Văn A");
  const res = await call("/v1/me/feedback", { method: "POST", headers: { authorization: `Bearer ${sessions.citizenA}` }, body: form });
  expect(res.status).toBe(201);
  feedbackId = (await json(res)).id;
});

const RATING = { extraVisits: "0", agenciesCount: "1", publiclyPosted: "yes", attitude: "courteous", convenience: "convenient", overall: "satisfied" };

async function expectStatuses(label: string, request: (actor: Actor) => Promise<Response>, expected: Partial<Record<Actor, number>>) {
  const got: Partial<Record<Actor, number>> = {};
  for (const actor of Object.keys(expected) as Actor[]) {
    const res = await request(actor);
    got[actor] = res.status;
    if (res.status >= 400) {
      const body = await json(res);
      // Refusals speak Vietnamese to citizens and officers alike.
      expect(body.error.message, `${label} as ${actor}`).toMatch(/[àáảãạăâđèéêìíòóôơùúưỳý]/i);
    }
  }
  expect(got, label).toEqual(expected);
}

const everyone = (status: number, except: Partial<Record<Actor, number>> = {}) =>
  ({ ...Object.fromEntries(ACTORS.map((a) => [a, status])), ...except }) as Record<Actor, number>;
const citizenRoute = (owner: number) => everyone(404, { anonymous: 401, citizenA: owner });
const staffRoute = everyone(200, { anonymous: 401, citizenA: 403, citizenB: 403 });

const count = async (table: string) => (await env.DB.prepare(`SELECT count(*) AS n FROM ${table}`).first<{ n: number }>())!.n;

describe("reads", () => {
  it("a dossier's survey, thread and a feedback are the owner's only", async () => {
    await expectStatuses("rating form", (a) => as(a, `/v1/me/dossiers/${returnedCode}/rating`), citizenRoute(200));
    // The owner's route takes the slip or a view token: a session alone, the follower's included, proves nothing there.
    await expectStatuses("rating form without a token", (a) => as(a, `/v1/dossiers/${returnedCode}/rating`), everyone(403));
    await expectStatuses("question thread", (a) => as(a, `/v1/me/dossiers/${openCode}/questions`), citizenRoute(200));
    await expectStatuses("own feedback", (a) => as(a, `/v1/me/feedback/${feedbackId}`), citizenRoute(200));
    for (const actor of ACTORS.filter((a) => a !== "anonymous")) {
      const list = await json(await as(actor, "/v1/me/feedback"));
      expect(
        list.feedback.some((f: { id: number }) => f.id === feedbackId),
        actor,
      ).toBe(actor === "citizenA");
    }
  });

  it("the staff area is for linked officers, each seeing only their province", async () => {
    await expectStatuses("staff inbox", (a) => as(a, "/v1/staff/inbox"), staffRoute);
    await expectStatuses("directory", (a) => as(a, "/v1/staff/directory"), staffRoute);
    await expectStatuses("ratings summary", (a) => as(a, "/v1/staff/ratings/summary"), staffRoute);
    const dirY = await json(await as("officerY", "/v1/staff/directory"));
    expect(dirY.officers.map((o: { id: string }) => o.id)).toEqual([`cb-${Y.agency}`]);
    const scopes = Object.fromEntries(await Promise.all(STAFF.map(async (a) => [a, (await json(await as(a, "/v1/staff/ratings/summary"))).scope])));
    expect(scopes).toEqual({
      officerX: "officer",
      otherAgencyOfficer: "officer",
      officerY: "officer",
      departmentHead: "department",
      provinceAdmin: "province",
    });
  });

  it("unanswered feedback is not public", async () => {
    await expectStatuses("public feedback", (a) => as(a, `/v1/provinces/${X.province}/feedback/${feedbackId}`), everyone(404));
    expect((await json(await call(`/v1/provinces/${X.province}/feedback`))).feedback).toEqual([]);
  });
});

/** Ids of the questions and feedback each staff member's inbox holds. */
async function inboxes() {
  const out = {} as Record<string, { questions: number[]; feedback: number[] }>;
  for (const a of STAFF) {
    const box = await json(await as(a, "/v1/staff/inbox"));
    out[a] = { questions: box.questions.map((q: { id: number }) => q.id), feedback: box.feedback.map((f: { id: number }) => f.id) };
  }
  return out;
}

describe("changes", () => {
  it("only the follower rates, once", async () => {
    await expectStatuses("rate without a token", (a) => as(a, `/v1/dossiers/${returnedCode}/rating`, "POST", RATING), everyone(403));
    await expectStatuses(
      "rate with another dossier's slip",
      async (a) => as(a, `/v1/dossiers/${returnedCode}/rating`, "POST", { ...RATING, t: await slipToken(SECRET, openCode) }),
      everyone(403),
    );
    expect(await count("ratings")).toBe(0);
    await expectStatuses("rate", (a) => as(a, `/v1/me/dossiers/${returnedCode}/rating`, "POST", RATING), everyone(404, { anonymous: 401, citizenA: 201 }));
    // Once rated, the slip itself cannot rate again, whoever holds it.
    await expectStatuses(
      "rate again with the slip",
      async (a) => as(a, `/v1/dossiers/${returnedCode}/rating`, "POST", { ...RATING, t: await slipToken(SECRET, returnedCode) }),
      everyone(409),
    );
    expect(await count("ratings")).toBe(1);
    expect((await as("citizenA", `/v1/me/dossiers/${returnedCode}/rating`, "POST", RATING)).status).toBe(409);
    const figures = await json(await integration(clientY, "GET", "/v1/integration/ratings/summary"));
    expect(figures.total.total).toBe(0);
    expect((await json(await integration(clientX, "GET", "/v1/integration/ratings/summary"))).total.total).toBe(1);
    expect((await call("/v1/integration/ratings/summary")).status).toBe(401);
  });

  it("only the follower asks; only the officer, their head or the admin answers; others do not even see it", async () => {
    await expectStatuses(
      "ask",
      (a) => as(a, `/v1/me/dossiers/${openCode}/questions`, "POST", { text: "Tôi cần bổ sung gì không ạ?" }),
      everyone(404, { anonymous: 401, citizenA: 201 }),
    );
    const [q1] = (await json(await as("citizenA", `/v1/me/dossiers/${openCode}/questions`))).questions;
    const q2 = (await json(await as("citizenA", `/v1/me/dossiers/${openCode}/questions`, "POST", { text: "Câu hỏi thứ hai ạ?" }))).id;
    const q3 = (await json(await as("citizenA", `/v1/me/dossiers/${openCode}/questions`, "POST", { text: "Câu hỏi thứ ba ạ?" }))).id;

    const seen = await inboxes();
    for (const a of STAFF) expect(seen[a]!.questions.includes(q1.id), a).toBe(["officerX", "departmentHead", "provinceAdmin"].includes(a));

    const answer = { text: "Hồ sơ đã đủ, ông/bà không cần bổ sung." };
    await expectStatuses("answer", (a) => as(a, `/v1/staff/questions/${q1.id}/answer`, "POST", answer), {
      anonymous: 401,
      citizenA: 403,
      citizenB: 403,
      otherAgencyOfficer: 404,
      officerY: 404,
      officerX: 200,
    });
    expect((await as("departmentHead", `/v1/staff/questions/${q2}/answer`, "POST", answer)).status).toBe(200);
    expect((await as("provinceAdmin", `/v1/staff/questions/${q3}/answer`, "POST", answer)).status).toBe(200);
    const thread = (await json(await as("citizenA", `/v1/me/dossiers/${openCode}/questions`))).questions;
    expect(thread.map((q: { status: string }) => q.status)).toEqual(["answered", "answered", "answered"]);
  });

  it("reassigning stays within the province and the caller's care", async () => {
    const q = (await json(await as("citizenA", `/v1/me/dossiers/${openCode}/questions`, "POST", { text: "Ai đang xử lý hồ sơ của tôi?" }))).id;
    await expectStatuses("reassign", (a) => as(a, `/v1/staff/questions/${q}/reassign`, "POST", { officerId: "cb-commune" }), {
      anonymous: 401,
      citizenA: 403,
      otherAgencyOfficer: 404,
      officerY: 404,
    });
    const crossProvince = await as("officerX", `/v1/staff/questions/${q}/reassign`, "POST", { officerId: `cb-${Y.agency}` });
    expect(crossProvince.status).toBe(400);
    expect((await as("officerX", `/v1/staff/questions/${q}/reassign`, "POST", { officerId: "cb-commune" })).status).toBe(200);
    const seen = await inboxes();
    expect(seen.otherAgencyOfficer!.questions).toContain(q);
    expect(seen.officerX!.questions).not.toContain(q);
  });

  it("new feedback is routed by the province admin only; then the assigned agency's staff act on it", async () => {
    const assign = { agencyId: X.agency };
    await expectStatuses("assign new feedback", (a) => as(a, `/v1/staff/feedback/${feedbackId}/assign`, "POST", assign), {
      anonymous: 401,
      citizenA: 403,
      citizenB: 403,
      officerX: 404,
      otherAgencyOfficer: 404,
      officerY: 404,
      departmentHead: 404,
      provinceAdmin: 200,
    });
    let seen = await inboxes();
    for (const a of STAFF) expect(seen[a]!.feedback.includes(feedbackId), a).toBe(["officerX", "departmentHead", "provinceAdmin"].includes(a));

    // The assigned agency may pass it on within the province, and then no longer holds it.
    expect((await as("officerY", `/v1/staff/feedback/${feedbackId}/assign`, "POST", { agencyId: Y.agency })).status).toBe(404);
    expect((await as("officerX", `/v1/staff/feedback/${feedbackId}/assign`, "POST", { agencyId: Y.agency })).status).toBe(400);
    expect((await as("officerX", `/v1/staff/feedback/${feedbackId}/assign`, "POST", { agencyId: X.commune })).status).toBe(200);
    expect((await as("officerX", `/v1/staff/feedback/${feedbackId}/answer`, "POST", { text: "Đã cho thu dọn." })).status).toBe(404);
    seen = await inboxes();
    expect(seen.otherAgencyOfficer!.feedback).toContain(feedbackId);

    await expectStatuses("answer feedback", (a) => as(a, `/v1/staff/feedback/${feedbackId}/answer`, "POST", { text: "Đã cho thu dọn rác ngày 25/11." }), {
      anonymous: 401,
      citizenA: 403,
      citizenB: 403,
      officerX: 404,
      officerY: 404,
      departmentHead: 404,
      otherAgencyOfficer: 200,
    });
  });

  it("only the sender reopens or closes their feedback", async () => {
    await expectStatuses(
      "reopen",
      (a) => as(a, `/v1/me/feedback/${feedbackId}/reopen`, "POST", { reason: "Rác lại bị đổ tiếp." }),
      everyone(404, { anonymous: 401, citizenA: 200 }),
    );
    expect((await as("otherAgencyOfficer", `/v1/staff/feedback/${feedbackId}/answer`, "POST", { text: "Đã lắp biển cấm đổ rác." })).status).toBe(200);
    await expectStatuses("close", (a) => as(a, `/v1/me/feedback/${feedbackId}/close`, "POST"), everyone(404, { anonymous: 401, citizenA: 200 }));
    const public_ = await json(await call(`/v1/provinces/${X.province}/feedback/${feedbackId}`));
    expect(public_).toMatchObject({ status: "closed", senderName: "Nguyễn Văn A" });
    expect((await call(`/v1/provinces/${Y.province}/feedback/${feedbackId}`)).status).toBe(404);
  });

  it("sending feedback needs a session", async () => {
    const before = await count("feedback");
    const form = new FormData();
    form.append("category", "other");
    form.append("text", "Một phản ánh không đăng nhập.");
    expect((await call("/v1/me/feedback", { method: "POST", body: form })).status).toBe(401);
    expect(await count("feedback")).toBe(before);
  });
});

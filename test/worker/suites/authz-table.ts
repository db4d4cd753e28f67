/**
 * Who may succeed at each operation of the API, one row per operation of the OpenAPI document. Every request is
 * aimed at X's resources (A's dossiers, questions and feedback); an actor not named in `ok` must be refused:
 * - 401 when the caller brings no credential the route accepts (nobody signed in on /v1/me and /v1/staff; anything
 *   but a signature on /v1/integration; anything but the admin token on /v1/admin);
 * - 403 when the credential is the wrong kind (a citizen in the staff area) or the proof is missing (no slip or
 *   view token on the owner's routes), and for another province's writes to X's reference data;
 * - 404 when the resource is someone else's (another citizen's follow, question or feedback; another province's
 *   staff; another province's client reading X's dossier: it must not learn that the code exists).
 * Rows run in order: the staff link rows come last, as linking and unlinking change who the actors are.
 */
import { env } from "cloudflare:workers";
import { ALL_KINDS, zaloToken } from "../zalo-helpers";
import { type Actor, A_PRIVATE, ACTORS, askAsA, fixed, SIGNED_IN, sendFeedback, STAFF, type World, X, Y } from "./actors";
import { call, intake, integration, json, MARRIAGE_PROCEDURE } from "../helpers";
import { jpegWithMetadata } from "../image-fixtures";
import { NEWS_ROWS } from "./authz-news";
import { STAFF_BROADCAST_ROWS } from "./authz-staff-broadcasts";
import { STAFF_NOTICE_ROWS } from "./authz-staff-notices";
import { FIGURES_ROWS } from "./authz-figures";
import { capJson } from "../alerts-helpers";
import { alertOfX, staffAlert, X_COMMUNE, xCommune } from "./alerts-actors";

export type Request = { path: string; body?: unknown };
export type Row = {
  /** Actors that get a 2xx. */
  ok: Actor[];
  request: (world: World, actor: Actor) => Request | Promise<Request>;
  /** Refusals that differ from the rule above, by actor; a list when either status is right. */
  refusal?: Partial<Record<Actor, number | number[]>>;
  /** Actors, besides A, allowed to read A's personal data in this answer. */
  sees?: Actor[];
  /** Extra checks on a successful answer. */
  verify?: (actor: Actor, body: any) => void;
};

const ALL: Actor[] = [...ACTORS];
const X_STAFF: Actor[] = ["officerX", "departmentHeadX", "provinceAdminX"];
/** Officers who are not province admins may not send alerts. */
const ALERT_REFUSALS: Row["refusal"] = { officerX: 403, departmentHeadX: 403, officerY: 403 };
const RATING = { extraVisits: "0", agenciesCount: "1", publiclyPosted: "yes", attitude: "courteous", convenience: "convenient", overall: "satisfied" };
const PROVINCE_X = {
  name: `Tỉnh ${X.province}`,
  shortName: X.province,
  channelName: `Dịch vụ công ${X.province}`,
  primaryColor: "#b3261e",
  accentColor: "#f4b400",
  hotline: "1900 0000",
};
const templates = Object.fromEntries(ALL_KINDS.map((k) => [k, `tpl-${k}`]));

function newEvent(actor: Actor) {
  return {
    events: [intake(X.agency, { applicant: { name: "Đinh Văn Mới", idNumber: "038090000001", phone: "0900000001" }, id: `matrix-${actor}-${Date.now()}` })],
  };
}

function feedbackForm(actor: Actor) {
  const form = new FormData();
  form.append("category", "other");
  form.append("text", `Góp ý của ${actor} về giờ làm việc buổi chiều.`);
  form.append("photos", new File([jpegWithMetadata()], "anh.jpg", { type: "image/jpeg" }));
  return form;
}

export const TABLE: Record<string, Row> = {
  "GET /v1/provinces": { ok: ALL, request: fixed("/v1/provinces") },
  "GET /v1/provinces/{provinceId}": { ok: ALL, request: fixed(`/v1/provinces/${X.province}`) },
  "GET /v1/provinces/{provinceId}/agencies": { ok: ALL, request: fixed(`/v1/provinces/${X.province}/agencies`) },
  "GET /v1/provinces/{provinceId}/procedures": { ok: ALL, request: fixed(`/v1/provinces/${X.province}/procedures?q=ket+hon`) },
  "GET /v1/provinces/{provinceId}/procedures/{procedureCode}": { ok: ALL, request: fixed(`/v1/provinces/${X.province}/procedures/1.000894`) },
  // A holds the slip; anyone else gets the public view, which names nobody.
  "GET /v1/dossiers/{code}": {
    ok: ALL,
    request: (w, a) => ({ path: `/v1/dossiers/${w.openCode}${a === "citizenA" ? `?t=${w.slips[w.openCode]}` : ""}` }),
  },
  // A knows the last 4 digits; everyone else guesses wrong (and is throttled after five guesses).
  "POST /v1/dossiers/{code}/unlock": {
    ok: ["citizenA"],
    request: (w, a) => ({ path: `/v1/dossiers/${w.unlockCode}/unlock`, body: { idNumberLast4: a === "citizenA" ? A_PRIVATE.idNumber.slice(-4) : "0000" } }),
    refusal: Object.fromEntries(ALL.map((a) => [a, [403, 429]])),
  },
  "GET /v1/dossiers/{code}/rating": {
    ok: ["citizenA"],
    request: (w, a) => ({ path: `/v1/dossiers/${w.rateBySlipCode}/rating${a === "citizenA" ? `?t=${w.slips[w.rateBySlipCode]}` : ""}` }),
    refusal: Object.fromEntries(ALL.map((a) => [a, 403])),
  },
  "POST /v1/dossiers/{code}/rating": {
    ok: ["citizenA"],
    request: (w, a) => ({ path: `/v1/dossiers/${w.rateBySlipCode}/rating`, body: a === "citizenA" ? { ...RATING, t: w.slips[w.rateBySlipCode] } : RATING }),
    refusal: Object.fromEntries(ALL.map((a) => [a, 403])),
  },

  // Another province's client gets its batch answered, with the event refused on its own.
  "POST /v1/integration/events": {
    ok: ["clientX", "clientY"],
    request: (_w, a) => ({ path: "/v1/integration/events", body: newEvent(a) }),
    verify: (a, body) => {
      const outcome = body.results[0].outcome;
      if (outcome !== (a === "clientX" ? "applied" : "rejected")) throw new Error(`${a}: event ${outcome}`);
    },
  },
  "PUT /v1/integration/agencies/{agencyId}": {
    ok: ["clientX"],
    request: fixed(`/v1/integration/agencies/${X.agency}`, {
      name: `Trung tâm Phục vụ hành chính công ${X.province}`,
      address: "Số 1 Đại lộ Lê Lợi",
      phone: "0237 3 000 000",
    }),
    refusal: { clientY: 403 },
  },
  "PUT /v1/integration/departments/{departmentId}": {
    ok: ["clientX"],
    request: fixed(`/v1/integration/departments/tp-${X.agency}`, { agencyId: X.agency, name: "Phòng Tư pháp" }),
    refusal: { clientY: 403 },
  },
  "PUT /v1/integration/officers/{officerId}": {
    ok: ["clientX"],
    request: fixed(`/v1/integration/officers/cb-${X.agency}`, { displayName: "Nguyễn Thị Lan", title: "Chuyên viên", departmentId: `tp-${X.agency}` }),
    // Officer ids are the province's own: Y's client writes an officer of Y's, and cannot name X's department.
    refusal: { clientY: 422 },
  },
  // Procedure codes are national: each province keeps its own copy.
  "PUT /v1/integration/procedures/{procedureCode}": {
    ok: ["clientX", "clientY"],
    request: fixed("/v1/integration/procedures/1.000894", MARRIAGE_PROCEDURE),
  },
  // X's codes carry X's unit code: Y's client is refused from the code alone (403), whether or not it exists.
  "GET /v1/integration/dossiers/{code}/slip": {
    ok: ["clientX"],
    request: (w) => ({ path: `/v1/integration/dossiers/${w.openCode}/slip` }),
    sees: ["clientX"],
    refusal: { clientY: 403 },
  },
  "GET /v1/integration/dossiers/{code}/slip.svg": {
    ok: ["clientX"],
    request: (w) => ({ path: `/v1/integration/dossiers/${w.openCode}/slip.svg` }),
    sees: ["clientX"],
    refusal: { clientY: 403 },
  },
  "GET /v1/integration/dossiers/{code}": {
    ok: ["clientX"],
    request: (w) => ({ path: `/v1/integration/dossiers/${w.openCode}` }),
    sees: ["clientX"],
    refusal: { clientY: 403 },
  },
  "GET /v1/integration/dossiers": { ok: ["clientX", "clientY"], request: fixed("/v1/integration/dossiers"), sees: ["clientX"] },
  "POST /v1/integration/officers/{officerId}/link-code": { ok: ["clientX"], request: fixed(`/v1/integration/officers/cb-${X.agency}/link-code`) },
  "GET /v1/integration/ratings/summary": { ok: ["clientX", "clientY"], request: fixed("/v1/integration/ratings/summary") },

  // Signing in needs only a Zalo token: each actor brings a fresh one of their own.
  "POST /v1/session": {
    ok: ALL,
    request: async (_w, a) => ({ path: "/v1/session", body: { provinceId: X.province, accessToken: await zaloToken(X.app, `suite-signin-${a}`) } }),
  },
  "GET /v1/me": { ok: SIGNED_IN, request: fixed("/v1/me") },
  // Each signed-in caller gets what is held about themselves; X's officer holds the message of A's question.
  "GET /v1/me/data": {
    ok: SIGNED_IN,
    request: fixed("/v1/me/data"),
    sees: ["officerX"],
    verify: (_actor, body) => {
      if (!body.account || !Array.isArray(body.follows)) throw new Error("my data: no account or follows");
    },
  },
  "PUT /v1/me/consents/{channel}": {
    ok: SIGNED_IN,
    request: fixed("/v1/me/consents/miniapp", { purpose: "dossier_updates", wording: "Tôi đồng ý nhận thông báo về hồ sơ của tôi qua Zalo." }),
  },
  "DELETE /v1/me/consents/{channel}": { ok: SIGNED_IN, request: fixed("/v1/me/consents/miniapp") },
  "GET /v1/me/follows": { ok: SIGNED_IN, request: fixed("/v1/me/follows") },
  // Following needs the slip (or a view token): A has it, the others bring a made-up one.
  "POST /v1/me/follows": {
    ok: ["citizenA"],
    request: (w, a) => ({ path: "/v1/me/follows", body: { code: w.openCode, t: a === "citizenA" ? w.slips[w.openCode] : "Zm9yZ2VkLXRva2Vu" } }),
    refusal: Object.fromEntries(SIGNED_IN.map((a) => [a, 403])),
  },
  // A follows a dossier and lets it go; the others try to drop A's follow of the open dossier.
  "DELETE /v1/me/follows/{code}": {
    ok: ["citizenA"],
    request: async (w, a) => {
      if (a !== "citizenA") return { path: `/v1/me/follows/${w.openCode}` };
      const res = await call("/v1/me/follows", {
        method: "POST",
        headers: { authorization: `Bearer ${w.sessions.citizenA}`, "content-type": "application/json" },
        body: JSON.stringify({ code: w.unlockCode, t: w.slips[w.unlockCode] }),
      });
      if (res.status !== 201) throw new Error(`follow: ${res.status}`);
      return { path: `/v1/me/follows/${w.unlockCode}` };
    },
  },
  "GET /v1/me/dossiers/{code}": { ok: ["citizenA"], request: (w) => ({ path: `/v1/me/dossiers/${w.openCode}` }) },
  // X's officer is told of A's question in their own inbox, as the one who must answer it.
  "GET /v1/me/inbox": { ok: SIGNED_IN, request: fixed("/v1/me/inbox"), sees: ["officerX"] },
  "POST /v1/me/inbox/read": { ok: SIGNED_IN, request: fixed("/v1/me/inbox/read", { upToId: 1 }) },
  "GET /v1/me/dossiers/{code}/rating": { ok: ["citizenA"], request: (w) => ({ path: `/v1/me/dossiers/${w.rateBySessionCode}/rating` }) },
  "POST /v1/me/dossiers/{code}/rating": { ok: ["citizenA"], request: (w) => ({ path: `/v1/me/dossiers/${w.rateBySessionCode}/rating`, body: RATING }) },
  "GET /v1/me/dossiers/{code}/questions": { ok: ["citizenA"], request: (w) => ({ path: `/v1/me/dossiers/${w.openCode}/questions` }) },
  "POST /v1/me/dossiers/{code}/questions": {
    ok: ["citizenA"],
    request: (w, a) => ({ path: `/v1/me/dossiers/${w.openCode}/questions`, body: { text: `Câu hỏi của ${a} về hồ sơ?` } }),
  },
  "POST /v1/me/feedback": { ok: SIGNED_IN, request: (_w, a) => ({ path: "/v1/me/feedback", body: feedbackForm(a) }) },
  "GET /v1/me/feedback": { ok: SIGNED_IN, request: fixed("/v1/me/feedback") },
  "GET /v1/me/feedback/{id}": { ok: ["citizenA"], request: (w) => ({ path: `/v1/me/feedback/${w.feedbackId}` }) },
  // A reopens and closes feedback of A's that was answered; the others aim at A's first feedback.
  "POST /v1/me/feedback/{id}/reopen": {
    ok: ["citizenA"],
    request: async (w, a) => ({
      path: `/v1/me/feedback/${a === "citizenA" ? await sendFeedback(w, { sender: "citizenA", answered: true }) : w.feedbackId}/reopen`,
      body: { reason: "Đèn vẫn chưa sáng." },
    }),
  },
  "POST /v1/me/feedback/{id}/close": {
    ok: ["citizenA"],
    request: async (w, a) => ({
      path: `/v1/me/feedback/${a === "citizenA" ? await sendFeedback(w, { sender: "citizenA", answered: true }) : w.feedbackId}/close`,
    }),
  },
  "GET /v1/provinces/{provinceId}/feedback/options": { ok: ALL, request: fixed(`/v1/provinces/${X.province}/feedback/options`) },
  "GET /v1/provinces/{provinceId}/feedback": { ok: ALL, request: fixed(`/v1/provinces/${X.province}/feedback`) },
  // A's feedback is not answered: it is nobody's to read in public.
  "GET /v1/provinces/{provinceId}/feedback/{id}": {
    ok: [],
    request: (w) => ({ path: `/v1/provinces/${X.province}/feedback/${w.feedbackId}` }),
    refusal: Object.fromEntries(ALL.map((a) => [a, 404])),
  },
  // The signed link is the proof: whoever holds it sees the photo (metadata stripped).
  "GET /v1/media/{token}": { ok: ALL, request: (w) => ({ path: `/v1/media/${encodeURIComponent(w.mediaToken)}` }) },

  "GET /v1/staff/me": { ok: STAFF, request: fixed("/v1/staff/me") },
  "GET /v1/staff/dossiers": { ok: STAFF, request: fixed("/v1/staff/dossiers"), sees: X_STAFF },
  "GET /v1/staff/inbox": { ok: STAFF, request: fixed("/v1/staff/inbox"), sees: X_STAFF },
  "GET /v1/staff/directory": { ok: STAFF, request: fixed("/v1/staff/directory") },
  "GET /v1/staff/ratings/summary": { ok: STAFF, request: fixed("/v1/staff/ratings/summary") },
  // Each allowed actor acts on a question or feedback of its own, so one success does not stand in another's way.
  "POST /v1/staff/questions/{id}/answer": {
    ok: X_STAFF,
    request: async (w, a) => ({
      path: `/v1/staff/questions/${X_STAFF.includes(a) ? await askAsA(w) : w.questionId}/answer`,
      body: { text: "Hồ sơ đã đủ giấy tờ." },
    }),
    sees: X_STAFF,
  },
  "POST /v1/staff/questions/{id}/reassign": {
    ok: X_STAFF,
    request: async (w, a) => ({
      path: `/v1/staff/questions/${X_STAFF.includes(a) ? await askAsA(w) : w.questionId}/reassign`,
      body: { officerId: "cb-head-x" },
    }),
    sees: X_STAFF,
  },
  "POST /v1/staff/feedback/{id}/assign": {
    ok: ["provinceAdminX"],
    request: async (w, a) => ({
      path: `/v1/staff/feedback/${a === "provinceAdminX" ? await sendFeedback(w) : w.feedbackId}/assign`,
      body: { agencyId: X.agency },
    }),
    sees: ["provinceAdminX"],
  },
  "POST /v1/staff/feedback/{id}/answer": {
    ok: X_STAFF,
    request: async (w, a) => ({
      path: `/v1/staff/feedback/${X_STAFF.includes(a) ? await sendFeedback(w, { routed: true }) : w.feedbackId}/answer`,
      body: { text: "Đã cho sửa." },
    }),
    sees: X_STAFF,
  },

  // Communes and news
  ...NEWS_ROWS,
  // Emergency alerts (CAP 1.2): public reading; X's warning system sends (Y's names no commune of Y); province admins compose.
  "GET /v1/provinces/{provinceId}/alerts": { ok: ALL, request: fixed(`/v1/provinces/${X.province}/alerts`) },
  "GET /v1/provinces/{provinceId}/alerts.cap": { ok: ALL, request: fixed(`/v1/provinces/${X.province}/alerts.cap`) },
  "GET /v1/provinces/{provinceId}/alerts/{alertId}": { ok: ALL, request: async (w) => ({ path: `/v1/provinces/${X.province}/alerts/${await alertOfX(w)}` }) },
  "GET /v1/provinces/{provinceId}/alerts/{alertId}/cap": {
    ok: ALL,
    request: async (w) => ({ path: `/v1/provinces/${X.province}/alerts/${await alertOfX(w)}/cap` }),
  },
  "POST /v1/integration/alerts": {
    ok: ["clientX"],
    request: async () => {
      await xCommune();
      return { path: "/v1/integration/alerts", body: capJson({ communes: [X_COMMUNE] }) };
    },
    refusal: { clientY: 400 },
  },
  "GET /v1/staff/alerts": { ok: ["provinceAdminX"], request: fixed("/v1/staff/alerts"), refusal: ALERT_REFUSALS },
  "POST /v1/staff/alerts": {
    ok: ["provinceAdminX"],
    request: async () => {
      await xCommune();
      return { path: "/v1/staff/alerts", body: staffAlert() };
    },
    refusal: ALERT_REFUSALS,
  },
  "POST /v1/staff/alerts/{alertId}/update": {
    ok: ["provinceAdminX"],
    request: async (w) => ({ path: `/v1/staff/alerts/${await alertOfX(w)}/update`, body: staffAlert() }),
    refusal: ALERT_REFUSALS,
  },
  "POST /v1/staff/alerts/{alertId}/cancel": {
    ok: ["provinceAdminX"],
    request: async (w) => ({ path: `/v1/staff/alerts/${await alertOfX(w)}/cancel`, body: { note: "Đã an toàn" } }),
    refusal: ALERT_REFUSALS,
  },

  "PUT /v1/admin/provinces/{provinceId}": { ok: ["operator"], request: fixed(`/v1/admin/provinces/${X.province}`, PROVINCE_X) },
  // X's commune centres 000.77.* kept in the control database: a group nothing files in, so no other row moves.
  "PUT /v1/admin/provinces/{provinceId}/agency-groups/{agencyGroup}": {
    ok: ["operator"],
    request: fixed(`/v1/admin/provinces/${X.province}/agency-groups/000.77.`, { shard: "DB" }),
  },
  "POST /v1/admin/provinces/{provinceId}/integration-clients": {
    ok: ["operator"],
    request: fixed(`/v1/admin/provinces/${X.province}/integration-clients`, { name: "Hệ thống dự phòng" }),
  },
  "PUT /v1/admin/provinces/{provinceId}/zalo-app": {
    ok: ["operator"],
    request: (w) => ({ path: `/v1/admin/provinces/${X.province}/zalo-app`, body: { ...w.zaloX, templates: { miniapp: templates, zns: templates } } }),
  },
  // The operator revokes a key made for the purpose; everyone else tries to revoke Y's.
  "DELETE /v1/admin/integration-clients/{keyId}": {
    ok: ["operator"],
    request: async (w, a) => {
      if (a !== "operator") return { path: `/v1/admin/integration-clients/${w.clientY.keyId}` };
      const res = await call(`/v1/admin/provinces/${Y.province}/integration-clients`, {
        method: "POST",
        headers: { authorization: "Bearer test-admin-token", "content-type": "application/json" },
        body: JSON.stringify({ name: "Khóa bỏ đi" }),
      });
      return { path: `/v1/admin/integration-clients/${(await json(res)).keyId}` };
    },
  },

  // Delivery within Zalo's quotas and the staff area's broadcasts
  ...STAFF_BROADCAST_ROWS,
  // Officials' notices: X's systems send them; only their recipients see and answer them.
  ...STAFF_NOTICE_ROWS,
  // The leaders' figures
  ...FIGURES_ROWS,

  // Officers let go of their link; citizens have none.
  "DELETE /v1/staff/link": { ok: STAFF, request: fixed("/v1/staff/link") },
  // A one-time code is the proof: whoever types a valid one becomes that officer, here each a spare officer of X;
  // a code of X's means nothing to a session of Y's Zalo app.
  "POST /v1/staff/link": {
    ok: SIGNED_IN.filter((a) => a !== "officerY"),
    refusal: { officerY: 403 },
    request: async (w, a) => {
      const officer = `cb-spare-${a}`;
      await integration(w.clientX, "PUT", `/v1/integration/officers/${officer}`, { displayName: "Cán bộ dự phòng", departmentId: `tp-${X.agency}` });
      const { code } = await json(await integration(w.clientX, "POST", `/v1/integration/officers/${officer}/link-code`));
      return { path: "/v1/staff/link", body: { code } };
    },
  },
  // Last, as it erases every signed-in caller: each may erase only themselves (the session names who).
  "DELETE /v1/me": {
    ok: SIGNED_IN,
    request: fixed("/v1/me"),
    verify: (_actor, body) => {
      if (typeof body.erasedAt !== "string") throw new Error("erasure: no erasedAt");
    },
  },
};

/** The refusal each actor gets by the rule in this file's header, unless the row says otherwise. */
export function expectedRefusal(op: string, row: Row, actor: Actor): number[] {
  const own = row.refusal?.[actor];
  if (own !== undefined) return Array.isArray(own) ? own : [own];
  const path = op.split(" ")[1]!;
  if (path.startsWith("/v1/integration")) return actor === "clientY" ? [404] : [401];
  if (path.startsWith("/v1/admin")) return [401];
  if (path.startsWith("/v1/me") || path.startsWith("/v1/staff")) {
    if (!SIGNED_IN.includes(actor)) return [401];
    if (path.startsWith("/v1/staff") && !STAFF.includes(actor)) return [403];
    return [404];
  }
  return [404];
}

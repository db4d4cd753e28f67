/**
 * The callers the suites speak as, and the world they act on: two provinces (X, Y), each with an agency, officers
 * of each role and an integration client; citizen A owns dossiers, questions, a rating and feedback with a photo in
 * X. Every actor reaches the Worker as a real client would: a Zalo sign-in through the fake Zalo, an officer linked
 * with a one-time code, an integration client signing with HMAC (v2), the operator with the admin token.
 */
import { slipToken } from "../../../worker/src/security/tokens";
import { ADMIN_TOKEN, call, type Client, createProvince, intake, json, putReference, freshlySigned, sendEvents } from "../helpers";
import { jpegWithMetadata } from "../image-fixtures";
import { asCitizen, connectZalo, follow, linkStaff, signIn, vnTime, type ZaloAppConfig } from "../zalo-helpers";

export const SECRET = "test-server-secret-0123456789abcdef";

export const ACTORS = [
  "anonymous",
  "citizenA",
  "citizenB",
  "officerX",
  "officerY",
  "departmentHeadX",
  "provinceAdminX",
  "clientX",
  "clientY",
  "operator",
] as const;
export type Actor = (typeof ACTORS)[number];

/** Actors that hold a citizen session (officers are citizens who linked their Zalo account). */
export const SIGNED_IN: Actor[] = ["citizenA", "citizenB", "officerX", "officerY", "departmentHeadX", "provinceAdminX"];
export const STAFF: Actor[] = ["officerX", "officerY", "departmentHeadX", "provinceAdminX"];

export const X = { province: "suite-x", agency: "000.00.71.H71", app: "7100000001" };
export const Y = { province: "suite-y", agency: "000.00.73.H73", app: "7300000001" };

/** A's personal data: names, digits and texts no other caller may ever read. */
export const A_PRIVATE = {
  applicant: "Vương Thị Riêng Tư",
  idNumber: "038090007391",
  phone: "0987000731",
  zaloUser: "suite-citizen-a",
  feedbackText: "Cống thoát nước trước nhà số 7391 bị vỡ, nước bẩn tràn ra đường.",
  senderName: "Vương Thị Riêng Tư",
  question: "Hồ sơ 7391 của tôi cần bổ sung giấy gì ạ?",
};

export type World = {
  clientX: Client;
  clientY: Client;
  sessions: Partial<Record<Actor | "helper", string>>;
  zaloX: ZaloAppConfig;
  /** Open dossier followed by A, with a question of A's waiting for X's officer. */
  openCode: string;
  /** Returned dossiers followed by A: one to rate with the slip, one through the session. */
  rateBySlipCode: string;
  rateBySessionCode: string;
  /** Open dossiers followed by A, for questions made for one request each. */
  askCodes: string[];
  /** A dossier of A's kept for the unlock with the last 4 digits. */
  unlockCode: string;
  /** Y's dossier, for cross-province reads. */
  yCode: string;
  slips: Record<string, string>;
  questionId: number;
  feedbackId: number;
  mediaToken: string;
  /** Secrets that must not appear in an answer to anyone but their owner. */
  privateStrings: string[];
};

/** Every actor's request: the same method, path and body, with that actor's credentials only. */
export async function send(
  world: Pick<World, "clientX" | "clientY" | "sessions">,
  actor: Actor,
  method: string,
  path: string,
  body?: unknown,
  ip?: string,
): Promise<Response> {
  // A photo's bytes (a news cover) go as they are.
  const bytes = body instanceof Uint8Array;
  const raw = body === undefined || body instanceof FormData || bytes ? undefined : JSON.stringify(body);
  const headers: Record<string, string> = raw === undefined ? (bytes ? { "content-type": "image/jpeg" } : {}) : { "content-type": "application/json" };
  if (actor === "clientX" || actor === "clientY") {
    Object.assign(headers, await freshlySigned(actor === "clientX" ? world.clientX : world.clientY, method, path, raw ?? ""));
    if (raw === undefined) delete headers["content-type"];
  } else if (actor === "operator") {
    headers.authorization = `Bearer ${ADMIN_TOKEN}`;
  } else if (actor !== "anonymous") {
    headers.authorization = `Bearer ${world.sessions[actor]}`;
  }
  return call(path, {
    method,
    headers,
    body: body instanceof FormData || bytes ? (body as BodyInit) : method === "GET" || method === "DELETE" ? undefined : (raw ?? ""),
    ip,
  });
}

let seq = 0;
/** A fresh question of A's, waiting for X's officer (on a dossier of its own by default: 3 may be open on each). */
export async function askAsA(world: World, code = world.askCodes[seq % world.askCodes.length]!): Promise<number> {
  const res = await asCitizen(world.sessions.citizenA!, `/v1/me/dossiers/${code}/questions`, "POST", { text: `${A_PRIVATE.question} (${++seq})` });
  if (res.status !== 201) throw new Error(`question: ${res.status} ${await res.text()}`);
  return (await json(res)).id;
}

/**
 * Feedback from `sender` (a helper citizen who is none of the actors, by default), optionally routed to X's agency
 * by X's admin and answered by X's officer.
 */
export async function sendFeedback(
  world: World,
  { sender = "helper", routed = false, answered = false }: { sender?: string; routed?: boolean; answered?: boolean } = {},
): Promise<number> {
  const form = new FormData();
  form.append("category", "public_order");
  form.append("text", `Đèn đường ngõ ${++seq} không sáng đã nhiều tuần nay.`);
  const res = await call("/v1/me/feedback", { method: "POST", headers: { authorization: `Bearer ${world.sessions[sender as Actor]}` }, body: form });
  if (res.status !== 201) throw new Error(`feedback: ${res.status} ${await res.text()}`);
  const id = (await json(res)).id as number;
  if (routed || answered) await expectOk(asCitizen(world.sessions.provinceAdminX!, `/v1/staff/feedback/${id}/assign`, "POST", { agencyId: X.agency }));
  if (answered) await expectOk(asCitizen(world.sessions.officerX!, `/v1/staff/feedback/${id}/answer`, "POST", { text: "Đã thay bóng đèn." }));
  return id;
}

async function expectOk(pending: Promise<Response>) {
  const res = await pending;
  if (res.status >= 300) throw new Error(`setup: ${res.status} ${await res.text()}`);
}

export async function seedWorld(): Promise<World> {
  const clientX = await createProvince(X.province, X.agency);
  const clientY = await createProvince(Y.province, Y.agency);
  const zaloX = await connectZalo(X.province, X.app);
  await connectZalo(Y.province, Y.app);
  const dept = `tp-${X.agency}`;
  await putReference(clientX, "/v1/integration/officers/cb-head-x", {
    displayName: "Lê Thị Hà",
    title: "Trưởng phòng",
    departmentId: dept,
    role: "department_head",
  });
  await putReference(clientX, "/v1/integration/officers/cb-admin-x", {
    displayName: "Phạm Văn Minh",
    title: "Giám đốc",
    departmentId: dept,
    role: "province_admin",
  });

  const sessions: World["sessions"] = {};
  sessions.citizenA = await signIn(X.province, X.app, A_PRIVATE.zaloUser);
  sessions.citizenB = await signIn(X.province, X.app, "suite-citizen-b");
  sessions.helper = await signIn(X.province, X.app, "suite-helper");
  sessions.officerX = await linkStaff(clientX, X.province, X.app, `cb-${X.agency}`, "suite-officer-x");
  sessions.officerY = await linkStaff(clientY, Y.province, Y.app, `cb-${Y.agency}`, "suite-officer-y");
  sessions.departmentHeadX = await linkStaff(clientX, X.province, X.app, "cb-head-x", "suite-head-x");
  sessions.provinceAdminX = await linkStaff(clientX, X.province, X.app, "cb-admin-x", "suite-admin-x");

  const applicant = { name: A_PRIVATE.applicant, idNumber: A_PRIVATE.idNumber, phone: A_PRIVATE.phone };
  const [open, bySlip, bySession, unlock, ask1, ask2, ask3] = [0, 1, 2, 3, 4, 5, 6].map(() =>
    intake(X.agency, { applicant, occurredAt: vnTime(-300), receivedAt: vnTime(-300) }),
  );
  const returned = (code: string) => ({ id: `${code}-returned`, type: "dossier.returned", occurredAt: vnTime(-10), dossierCode: code });
  await sendEvents(clientX, [open, bySlip, bySession, unlock, ask1, ask2, ask3, returned(bySlip!.dossierCode), returned(bySession!.dossierCode)]);
  const y = intake(Y.agency);
  await sendEvents(clientY, [y]);

  const slips: Record<string, string> = {};
  const askCodes = [ask1!.dossierCode, ask2!.dossierCode, ask3!.dossierCode];
  for (const code of [open!.dossierCode, bySlip!.dossierCode, bySession!.dossierCode, unlock!.dossierCode, y.dossierCode, ...askCodes]) {
    slips[code] = await slipToken(SECRET, code);
  }
  for (const code of [open!.dossierCode, bySlip!.dossierCode, bySession!.dossierCode, ...askCodes]) await follow(sessions.citizenA, code, slips[code]!);

  const world: World = {
    clientX,
    clientY,
    sessions,
    zaloX,
    openCode: open!.dossierCode,
    rateBySlipCode: bySlip!.dossierCode,
    rateBySessionCode: bySession!.dossierCode,
    unlockCode: unlock!.dossierCode,
    askCodes,
    yCode: y.dossierCode,
    slips,
    questionId: 0,
    feedbackId: 0,
    mediaToken: "",
    privateStrings: [],
  };
  world.questionId = await askAsA(world, world.openCode);

  const form = new FormData();
  form.append("category", "environment");
  form.append("text", A_PRIVATE.feedbackText);
  form.append("senderName", A_PRIVATE.senderName);
  form.append("photos", new File([jpegWithMetadata()], "cong.jpg", { type: "image/jpeg" }));
  const created = await call("/v1/me/feedback", { method: "POST", headers: { authorization: `Bearer ${sessions.citizenA}` }, body: form });
  if (created.status !== 201) throw new Error(`feedback: ${created.status} ${await created.text()}`);
  world.feedbackId = (await json(created)).id;
  const mine = await json(await asCitizen(sessions.citizenA, `/v1/me/feedback/${world.feedbackId}`));
  const url = new URL(mine.photos[0].url, "http://motcua.test");
  world.mediaToken = decodeURIComponent(url.pathname.split("/").pop()!);

  world.privateStrings = [
    A_PRIVATE.applicant,
    A_PRIVATE.idNumber,
    A_PRIVATE.phone,
    A_PRIVATE.zaloUser,
    A_PRIVATE.feedbackText,
    A_PRIVATE.question,
    sessions.citizenA,
    ...Object.values(slips),
  ].filter(Boolean);
  return world;
}

/** A matrix row's request that is the same for every caller. */
export const fixed = (path: string, body?: unknown) => () => ({ path, body });

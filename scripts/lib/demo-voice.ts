/**
 * The demo's citizen voice, made through the real API as people would make it: a few citizens rate dossiers they
 * picked up and send feedback from their Zalo accounts (real access tokens from the fake Zalo), and the centre's
 * director, linked to a dev Zalo user, routes the feedback to agencies and answers most of it. So a fresh
 * `npm start` shows a public list of answered feedback, satisfaction figures, and an admin inbox with work left.
 * Runs once per database: skipped when the province already has answered feedback.
 */
import { DEMO_PROVINCE_ID } from "../demo";
import { apiUrlFor, ApiRequestError, type IntegrationKeys, readBody, signedJson } from "./signing";

export type DemoVoiceOptions = { apiUrl: string; keys: IntegrationKeys; zaloUrl: string; appId: string };

/** The dev Zalo user linked to the province admin: open the mini app with `?devUser=lanhdao` to act as them. */
export const DEMO_ADMIN_DEV_USER = "lanhdao";
export const DEMO_ADMIN_OFFICER = "cb-hcc-vp-1";

type Returned = { code: string; status: number };

/**
 * Which returned dossiers the demo rates: every other one, from the second, so unrated ones stay to try rating
 * with (the browser tests rate one of those).
 */
export function demoRatedCodes(dossiers: readonly Returned[]): Set<string> {
  const returned = dossiers.filter((d) => d.status === 9 || d.status === 10);
  return new Set(
    returned
      .filter((_, i) => i % 2 === 1)
      .slice(0, 8)
      .map((d) => d.code),
  );
}

const ANSWER_SETS = [
  {
    timeVsLimit: "early",
    extraVisits: "0",
    agenciesCount: "1",
    publiclyPosted: "yes",
    attitude: "courteous",
    convenience: "convenient",
    overall: "very_satisfied",
    comment: "Cán bộ hướng dẫn tận tình, có kết quả sớm hơn hẹn.",
  },
  {
    timeVsLimit: "on_time",
    extraVisits: "0",
    agenciesCount: "1",
    publiclyPosted: "yes",
    attitude: "courteous",
    convenience: "convenient",
    overall: "satisfied",
  },
  {
    timeVsLimit: "on_time",
    extraVisits: "1",
    agenciesCount: "1",
    publiclyPosted: "unknown",
    attitude: "normal",
    convenience: "normal",
    overall: "satisfied",
    comment: "Phải bổ sung giấy tờ một lần vì lúc nộp chưa được hướng dẫn đủ.",
  },
  {
    timeVsLimit: "late",
    extraVisits: "2",
    agenciesCount: "2",
    publiclyPosted: "no",
    attitude: "normal",
    convenience: "inconvenient",
    overall: "dissatisfied",
    comment: "Trễ hẹn mà không được báo trước.",
  },
] as const;

type DemoFeedback = {
  category: string;
  text: string;
  /** Index into the feedback options' communes/wards. */
  district: number;
  anonymous: boolean;
  senderName?: string;
  /** What the director does: route it to the commune's agency, and maybe answer. */
  then: "leave" | "assign" | "answer";
  answer?: string;
};

const FEEDBACK: DemoFeedback[] = [
  {
    category: "traffic_infrastructure",
    text: "Đoạn đường trước cổng trường tiểu học có nhiều ổ gà lớn, trời mưa đọng nước, học sinh đi xe đạp rất dễ ngã. Đề nghị sớm sửa chữa.",
    district: 0,
    anonymous: false,
    senderName: "Lê Thị Hoa",
    then: "answer",
    answer:
      "UBND đã giao bộ phận phụ trách hạ tầng phối hợp đơn vị quản lý đường bộ vá toàn bộ ổ gà trên đoạn đường này và khơi thông rãnh thoát nước. Cảm ơn bà đã phản ánh.",
  },
  {
    category: "environment",
    text: "Rác thải tập kết ở đầu ngõ cạnh chợ nhiều ngày không được thu gom, bốc mùi hôi, ảnh hưởng các hộ dân xung quanh.",
    district: 1,
    anonymous: true,
    then: "answer",
    answer: "UBND đã yêu cầu đơn vị vệ sinh môi trường thu gom ngay và bố trí thu gom hằng ngày vào 18 giờ tại điểm này. Người dân vui lòng bỏ rác đúng giờ.",
  },
  {
    category: "public_service",
    text: "Sáng thứ Hai bộ phận một cửa rất đông, chờ hơn một tiếng mới đến lượt. Đề nghị cho lấy số thứ tự qua Zalo hoặc bố trí thêm quầy.",
    district: 0,
    anonymous: false,
    senderName: "Nguyễn Văn Bình",
    then: "answer",
    answer:
      "Từ tuần tới, bộ phận một cửa bố trí thêm một quầy tiếp nhận vào sáng thứ Hai và thứ Ba. Ông có thể tra cứu thủ tục và chuẩn bị hồ sơ trước trên mini app để được tiếp nhận nhanh hơn.",
  },
  {
    category: "public_order",
    text: "Quán karaoke trong khu dân cư thường xuyên hát to sau 23 giờ, gây mất trật tự, ảnh hưởng giấc ngủ của người già và trẻ nhỏ.",
    district: 2,
    anonymous: true,
    then: "assign",
  },
  {
    category: "traffic_infrastructure",
    text: "Đèn chiếu sáng trên tuyến đường ven sông bị hỏng cả đoạn dài, buổi tối rất tối, không an toàn cho người đi bộ.",
    district: 1,
    anonymous: false,
    senderName: "Trần Minh Đức",
    then: "leave",
  },
];

export type DemoVoiceResult = { seeded: boolean; rated: number; feedback: number };

export async function seedDemoVoice(opts: DemoVoiceOptions, dossiers: readonly Returned[]): Promise<DemoVoiceResult> {
  const provincePath = `/v1/provinces/${DEMO_PROVINCE_ID}`;
  const existing = await json<{ feedback: unknown[] }>(opts, "GET", `${provincePath}/feedback`);
  if (existing.feedback.length > 0) return { seeded: false, rated: 0, feedback: 0 };

  // Citizens rate returned dossiers they follow with the slip's token, as the QR would let them.
  const rated = [...demoRatedCodes(dossiers)];
  for (const [i, code] of rated.entries()) {
    const citizen = await signIn(opts, `nguoidan-${i + 1}`);
    const { slipToken } = await signedJson<{ slipToken: string }>(opts.apiUrl, opts.keys, "GET", `/v1/integration/dossiers/${encodeURIComponent(code)}/slip`);
    await json(opts, "POST", "/v1/me/follows", { code, t: slipToken }, citizen);
    await json(opts, "POST", `/v1/me/dossiers/${encodeURIComponent(code)}/rating`, ANSWER_SETS[i % ANSWER_SETS.length], citizen);
  }

  const { districts } = await json<{ districts: { id: string }[] }>(opts, "GET", `${provincePath}/feedback/options`);
  if (districts.length === 0) throw new Error("the demo province lists no communes or wards for feedback");

  // The director signs in with a link code from the one-stop system.
  const director = await signIn(opts, DEMO_ADMIN_DEV_USER);
  const { code: linkCode } = await signedJson<{ code: string }>(opts.apiUrl, opts.keys, "POST", `/v1/integration/officers/${DEMO_ADMIN_OFFICER}/link-code`);
  await json(opts, "POST", "/v1/staff/link", { code: linkCode }, director);

  for (const [i, item] of FEEDBACK.entries()) {
    const citizen = await signIn(opts, `nguoidan-pa-${i + 1}`);
    const district = districts[item.district % districts.length]!;
    const form = new FormData();
    form.set("category", item.category);
    form.set("text", item.text);
    form.set("district", district.id);
    form.set("anonymous", String(item.anonymous));
    if (item.senderName) form.set("senderName", item.senderName);
    const sent = await json<{ id: number }>(opts, "POST", "/v1/me/feedback", form, citizen);
    if (item.then === "leave") continue;
    // Feedback names a commune or ward by its one-stop desk's agency: the director routes it there.
    await json(opts, "POST", `/v1/staff/feedback/${sent.id}/assign`, { agencyId: district.id }, director);
    if (item.then !== "answer") continue;
    await json(opts, "POST", `/v1/staff/feedback/${sent.id}/answer`, { text: item.answer }, director);
    // The first two citizens say whether the answer satisfied them (the third leaves the question for the demo).
    if (i < 2) await json(opts, "PUT", `/v1/me/feedback/${sent.id}/satisfaction`, { satisfied: i === 0 }, citizen);
  }
  return { seeded: true, rated: rated.length, feedback: FEEDBACK.length };
}

/** A citizen's session for a fake-Zalo user of the demo province, through the real API as the mini app gets one. */
export async function signIn(opts: Pick<DemoVoiceOptions, "apiUrl" | "zaloUrl" | "appId">, userId: string): Promise<string> {
  const token = await fetch(`${opts.zaloUrl}/__dev/tokens`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ appId: opts.appId, userId, name: `Người dùng thử ${userId}` }),
  });
  if (!token.ok) throw new Error(`fake Zalo /__dev/tokens: ${token.status}`);
  const { accessToken } = (await token.json()) as { accessToken: string };
  const session = await json<{ sessionToken: string }>(opts, "POST", "/v1/session", { provinceId: DEMO_PROVINCE_ID, accessToken });
  return session.sessionToken;
}

export async function json<T = unknown>(opts: Pick<DemoVoiceOptions, "apiUrl">, method: string, path: string, body?: unknown, session?: string): Promise<T> {
  const headers: Record<string, string> = {};
  if (session) headers.authorization = `Bearer ${session}`;
  let payload: BodyInit | undefined;
  if (body instanceof FormData) payload = body;
  else if (body !== undefined) {
    headers["content-type"] = "application/json";
    payload = JSON.stringify(body);
  }
  const res = await fetch(apiUrlFor(opts.apiUrl, path), { method, headers, body: payload });
  const parsed = await readBody(res);
  if (!res.ok) throw new ApiRequestError(method, path, res.status, parsed);
  return parsed as T;
}

/** The demo's officials' notices, sent through the signed integration API as the province's systems would. */
import { demoNotices } from "../demo";
import { DEMO_ADMIN_DEV_USER, json, signIn } from "./demo-voice";
import { type IntegrationKeys, signedJson } from "./signing";

export type DemoNoticesResult = { sent: number; duplicate: number };

/**
 * With the fake Zalo, the director (linked by the voice seed) first agrees to Mini App messages as they would on
 * Cài đặt thông báo, so the notices reach Zalo (the fake's message list), not only the in-app inbox.
 */
export async function seedDemoNotices(apiUrl: string, keys: IntegrationKeys, now: Date, zalo?: { zaloUrl: string; appId: string }): Promise<DemoNoticesResult> {
  if (zalo) {
    const director = await signIn({ apiUrl, ...zalo }, DEMO_ADMIN_DEV_USER);
    const me = await json<{ consents: { miniapp: unknown } }>({ apiUrl }, "GET", "/v1/me", undefined, director);
    if (!me.consents.miniapp) {
      const wording = "Tôi đồng ý nhận tin nhắn Zalo về công việc được giao: văn bản cần xử lý, chờ phê duyệt và lịch họp. Tôi có thể tắt bất cứ lúc nào.";
      await json({ apiUrl }, "PUT", "/v1/me/consents/miniapp", { purpose: "dossier_updates", wording }, director);
    }
  }
  const result = { sent: 0, duplicate: 0 };
  for (const notice of demoNotices(now)) {
    const put = await signedJson<{ outcome: string }>(apiUrl, keys, "PUT", `/v1/integration/staff-notices/${encodeURIComponent(notice.id)}`, notice.body);
    if (put.outcome === "duplicate") result.duplicate++;
    else result.sent++;
  }
  return result;
}

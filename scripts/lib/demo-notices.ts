/** The demo's officials' notices, sent through the signed integration API as the province's systems would. */
import { demoNotices } from "../demo";
import { type IntegrationKeys, signedJson } from "./signing";

export type DemoNoticesResult = { sent: number; duplicate: number };

export async function seedDemoNotices(apiUrl: string, keys: IntegrationKeys, now: Date): Promise<DemoNoticesResult> {
  const result = { sent: 0, duplicate: 0 };
  for (const notice of demoNotices(now)) {
    const put = await signedJson<{ outcome: string }>(apiUrl, keys, "PUT", `/v1/integration/staff-notices/${encodeURIComponent(notice.id)}`, notice.body);
    if (put.outcome === "duplicate") result.duplicate++;
    else result.sent++;
  }
  return result;
}

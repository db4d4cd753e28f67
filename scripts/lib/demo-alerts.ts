/**
 * The demo's emergency alert, sent through the signed integration API as the province's warning system would, after
 * the province's communes are seeded (the alert names one of them).
 */
import { demoAlert } from "../demo";
import { ApiRequestError, type IntegrationKeys, readBody, signedFetch } from "./signing";

export type DemoAlertResult = { identifier: string; outcome: "applied" | "duplicate"; targeted: number };

export async function seedDemoAlert(apiUrl: string, keys: IntegrationKeys, now: Date): Promise<DemoAlertResult> {
  const res = await signedFetch(apiUrl, keys, "POST", "/v1/integration/alerts", demoAlert(now));
  const body = await readBody(res);
  if (!res.ok) throw new ApiRequestError("POST", "/v1/integration/alerts", res.status, body);
  return body as DemoAlertResult;
}

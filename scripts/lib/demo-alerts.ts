/**
 * The demo's emergency alert, sent through the signed integration API as the province's warning system would. The
 * ward it warns is added to the province's communes first if the list does not hold it yet.
 */
import { DEMO_PROVINCE_ID, demoAlert } from "../demo";
import { DEMO_ALERT_COMMUNE } from "../demo/alerts";
import { ApiRequestError, apiUrlFor, type IntegrationKeys, readBody, signedFetch } from "./signing";

export type DemoAlertResult = { identifier: string; outcome: "applied" | "duplicate"; targeted: number } | { skipped: string };

export async function seedDemoAlert(apiUrl: string, keys: IntegrationKeys, now: Date): Promise<DemoAlertResult> {
  const listed = await fetch(apiUrlFor(apiUrl, `/v1/provinces/${DEMO_PROVINCE_ID}/communes`));
  const known = listed.ok && ((await readBody(listed)) as { communes: { code: string }[] }).communes.some((c) => c.code === DEMO_ALERT_COMMUNE.code);
  if (!known) {
    const path = `/v1/integration/communes/${DEMO_ALERT_COMMUNE.code}`;
    const put = await signedFetch(apiUrl, keys, "PUT", path, { name: DEMO_ALERT_COMMUNE.name });
    // A server without the communes list yet cannot take an alert for a commune: the demo goes on without one.
    if (put.status === 404 || put.status === 405) return { skipped: "the API has no communes list" };
    if (!put.ok) throw new ApiRequestError("PUT", path, put.status, await readBody(put));
  }
  const res = await signedFetch(apiUrl, keys, "POST", "/v1/integration/alerts", demoAlert(now));
  const body = await readBody(res);
  if (!res.ok) throw new ApiRequestError("POST", "/v1/integration/alerts", res.status, body);
  return body as DemoAlertResult;
}

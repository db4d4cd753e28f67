/**
 * Communes and news for the demo province, through the real API: the 166 communes and wards by the integration
 * route, the news posts as the province's portal would push them, a cover uploaded by the centre's director (a
 * province admin holds the communications permission), and the dev citizen following two communes: where they
 * live and the one the demo alert names. Safe to run again: upserts repeat, and a cover or a choice already there
 * is left as it is.
 */
import { DEFAULT_DEV_USER } from "../../miniapp/src/domain/dev-user";
import { DEMO_ALERT_COMMUNE, DEMO_COMMUNES, DEMO_HOME_COMMUNE, DEMO_PROVINCE_ID, demoNews, demoNewsCoverPng } from "../demo";
import { DEMO_ADMIN_DEV_USER, type DemoVoiceOptions, json, signIn } from "./demo-voice";
import { ApiRequestError, apiUrlFor, type IntegrationKeys, putReference, readBody } from "./signing";

export type DemoNewsOptions = { apiUrl: string; keys: IntegrationKeys; zalo?: Pick<DemoVoiceOptions, "zaloUrl" | "appId"> };
export type DemoNewsResult = { communes: number; news: number; covers: number; devCitizenSubscribed: boolean };

const PARALLEL_WRITES = 8;

export async function seedDemoNews(opts: DemoNewsOptions, now: Date): Promise<DemoNewsResult> {
  for (let i = 0; i < DEMO_COMMUNES.length; i += PARALLEL_WRITES) {
    await Promise.all(
      DEMO_COMMUNES.slice(i, i + PARALLEL_WRITES).map(([code, name]) => putReference(opts.apiUrl, opts.keys, `/v1/integration/communes/${code}`, { name })),
    );
  }
  const posts = demoNews(now);
  for (const post of posts) await putReference(opts.apiUrl, opts.keys, `/v1/integration/news/${post.id}`, post.request);
  if (!opts.zalo) return { communes: DEMO_COMMUNES.length, news: posts.length, covers: 0, devCitizenSubscribed: false };

  const citizens = { apiUrl: opts.apiUrl, ...opts.zalo };
  let covers = 0;
  const director = await signIn(citizens, DEMO_ADMIN_DEV_USER);
  for (const post of posts.filter((p) => p.cover)) {
    const item = await json<{ coverUrl: string | null }>(opts, "GET", `/v1/provinces/${DEMO_PROVINCE_ID}/news/${post.id}`);
    if (item.coverUrl) continue;
    const path = `/v1/staff/news/${post.id}/cover`;
    const res = await fetch(apiUrlFor(opts.apiUrl, path), {
      method: "PUT",
      headers: { authorization: `Bearer ${director}`, "content-type": "image/png" },
      body: (await demoNewsCoverPng()) as BodyInit,
    });
    if (!res.ok) throw new ApiRequestError("PUT", path, res.status, await readBody(res));
    covers++;
  }

  const devCitizen = await signIn(citizens, DEFAULT_DEV_USER);
  const chosen = await json<{ communes: unknown[] }>(opts, "GET", "/v1/me/communes", undefined, devCitizen);
  if (chosen.communes.length > 0) return { communes: DEMO_COMMUNES.length, news: posts.length, covers, devCitizenSubscribed: false };
  const communes = [
    { code: DEMO_HOME_COMMUNE, purpose: "home" },
    { code: DEMO_ALERT_COMMUNE, purpose: "family" },
  ];
  await json(opts, "PUT", "/v1/me/communes", { communes }, devCitizen);
  return { communes: DEMO_COMMUNES.length, news: posts.length, covers, devCitizenSubscribed: true };
}

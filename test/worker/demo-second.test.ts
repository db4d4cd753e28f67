/**
 * The second demo province, Nghệ An, seeded through the real admin and integration API exactly as
 * scripts/lib/demo-seed-second.ts does, next to the first (Thanh Hóa) in the same database: its dossiers are found
 * by their codes, its news is listed, and nothing of Thanh Hóa's shows under it.
 */
import { beforeAll, describe, expect, it } from "vitest";
import {
  DEMO_CLIENT_NAME,
  DEMO_PROVINCE,
  DEMO_PROVINCE_ID,
  DEMO_PROVINCE_PATH,
  DEMO2_AGENCIES,
  DEMO2_CLIENT_NAME,
  DEMO2_MINI_APP_ID,
  DEMO2_PROCEDURES,
  DEMO2_PROVINCE,
  DEMO2_PROVINCE_ID,
  DEMO2_PROVINCE_PATH,
  DEMO2_SHARD,
  type DemoEvent,
  demoDossiers,
  demoNews,
  demoReferenceWrites,
  secondDemoDossiers,
  secondDemoNews,
  secondDemoReferenceWrites,
} from "../../scripts/demo";
import { demoZaloApp } from "../../scripts/lib/demo-seed";
import { MESSAGE_KINDS } from "../../worker/src/domain/notifications";
import { admin, call, type Client, integration, json, putReference, sendEvents } from "./helpers";
import { fake, signIn } from "./zalo-helpers";

const now = new Date();
const firstDossiers = demoDossiers(now);
const dossiers = secondDemoDossiers(now);
const posts = secondDemoNews(now);
let thanhHoa: Client;
let ngheAn: Client;

async function seedProvince(path: string, body: unknown, clientName: string, keyId: string): Promise<Client> {
  const province = await admin(path, "PUT", body);
  expect(province.status, await province.clone().text()).toBe(200);
  const created = await admin(`${path}/integration-clients`, "POST", { name: clientName, keyId, secret: `${keyId}-secret-for-the-worker-tests-0123` });
  expect(created.status).toBe(201);
  return json<Client>(created);
}

async function sendAll(client: Client, events: DemoEvent[]) {
  const results = [];
  for (let i = 0; i < events.length; i += 500) results.push(...(await sendEvents(client, events.slice(i, i + 500), "any")).results);
  return results;
}

beforeAll(async () => {
  thanhHoa = await seedProvince(DEMO_PROVINCE_PATH, DEMO_PROVINCE, DEMO_CLIENT_NAME, "demo-thanh-hoa");
  for (const write of demoReferenceWrites()) await putReference(thanhHoa, write.path, write.body);
  expect(
    (
      await sendAll(
        thanhHoa,
        firstDossiers.flatMap((d) => d.events),
      )
    ).filter((r) => r.outcome !== "applied"),
  ).toEqual([]);
  for (const post of demoNews(now)) await putReference(thanhHoa, `/v1/integration/news/${post.id}`, post.request);

  ngheAn = await seedProvince(DEMO2_PROVINCE_PATH, DEMO2_PROVINCE, DEMO2_CLIENT_NAME, "demo-nghe-an");
  for (const write of secondDemoReferenceWrites()) await putReference(ngheAn, write.path, write.body);
  expect(
    (
      await sendAll(
        ngheAn,
        dossiers.flatMap((d) => d.events),
      )
    ).filter((r) => r.outcome !== "applied"),
  ).toEqual([]);
  for (const post of posts) await putReference(ngheAn, `/v1/integration/news/${post.id}`, post.request);
});

describe("the second demo province", () => {
  it("is Nghệ An, H40, with its own name, colours, hotline and channel, naming its shard", async () => {
    expect(DEMO2_PROVINCE.shard).toBe(DEMO2_SHARD);
    const province = await json(await call(`/v1/provinces/${DEMO2_PROVINCE_ID}`));
    expect(province).toMatchObject({ id: "nghe-an", name: "Tỉnh Nghệ An", channelName: "Dịch vụ công Nghệ An" });
    const first = await json(await call(`/v1/provinces/${DEMO_PROVINCE_ID}`));
    for (const key of ["primaryColor", "accentColor", "hotline", "channelName"]) expect(province[key], key).not.toBe(first[key]);
  });

  it("has 4 to 6 dossiers in at least four different states, each found by its code as its story ends", async () => {
    expect(dossiers.length).toBeGreaterThanOrEqual(4);
    expect(dossiers.length).toBeLessThanOrEqual(6);
    expect(new Set(dossiers.map((d) => d.status)).size).toBeGreaterThanOrEqual(4);
    for (const d of dossiers) {
      expect(d.code).toMatch(/^000\.00\.\d\d\.H40-\d{6}-\d{4}$/);
      expect(d.applicant.idNumber, "born in Nghệ An").toMatch(/^040/);
      const res = await call(`/v1/dossiers/${d.code}`);
      expect(res.status, d.code).toBe(200);
      const view = await json(res);
      expect(view.provinceId).toBe(DEMO2_PROVINCE_ID);
      expect(view.status.code, d.code).toBe(d.status);
      expect(view.overdue, d.code).toBe(d.overdue);
      expect(DEMO2_AGENCIES.map((a) => a.id)).toContain(view.agency.id);
    }
    expect(dossiers.filter((d) => d.overdue).length).toBeGreaterThanOrEqual(1);
  });

  it("has applicants of its own, not Thanh Hóa's under another province of birth", () => {
    const firstIds = new Set(firstDossiers.map((d) => d.applicant.idNumber.slice(3)));
    for (const d of dossiers) expect(firstIds.has(d.applicant.idNumber.slice(3)), d.applicant.name).toBe(false);
  });

  it("shows the owner, unlocking with the last 4 digits, Nghệ An's officer, department and procedure", async () => {
    for (const d of dossiers.filter((x) => x.events.some((e) => e.type === "dossier.assigned"))) {
      const res = await call(`/v1/dossiers/${d.code}/unlock`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ idNumberLast4: d.idLast4 }),
      });
      expect(res.status, d.code).toBe(200);
      const { dossier } = await json(res);
      expect(dossier.applicant.name).toBe(d.applicant.name);
      expect(dossier.procedure.name).toBe(DEMO2_PROCEDURES.find((p) => p.code === d.procedureCode)!.request.name);
      expect(dossier.officer?.name, d.code).toBeTruthy();
      expect(dossier.department?.name, d.code).toBeTruthy();
      expect(dossier.timeline.length, d.code).toBe(d.events.length);
    }
  });

  it("lists its news post in its feed, and only in its feed", async () => {
    const feed = await json(await call(`/v1/provinces/${DEMO2_PROVINCE_ID}/news`));
    expect(feed.news.map((n: { id: string }) => n.id)).toEqual(posts.map((p) => p.id));
    const item = await json(await call(`/v1/provinces/${DEMO2_PROVINCE_ID}/news/${posts[0]!.id}`));
    expect(item.paragraphs.length).toBeGreaterThan(1);
    expect(JSON.stringify(item)).not.toMatch(/\bbạn\b/i);
    const first = await json(await call(`/v1/provinces/${DEMO_PROVINCE_ID}/news`));
    expect(first.news.length).toBeGreaterThan(0);
    expect(first.news.map((n: { id: string }) => n.id)).not.toContain(posts[0]!.id);
  });
});

describe("Thanh Hóa's data under Nghệ An", () => {
  it("none of its agencies, procedures, news or communes is listed for Nghệ An", async () => {
    const agencies = await json(await call(`/v1/provinces/${DEMO2_PROVINCE_ID}/agencies`));
    expect(agencies.agencies.map((a: { id: string }) => a.id).sort()).toEqual(DEMO2_AGENCIES.map((a) => a.id).sort());
    const procedures = await json(await call(`/v1/provinces/${DEMO2_PROVINCE_ID}/procedures`));
    expect(procedures.procedures.map((p: { code: string }) => p.code).sort()).toEqual(DEMO2_PROCEDURES.map((p) => p.code).sort());
    const feed = await json(await call(`/v1/provinces/${DEMO2_PROVINCE_ID}/news`));
    for (const post of demoNews(now)) expect(feed.news.map((n: { id: string }) => n.id)).not.toContain(post.id);
    const communes = await json(await call(`/v1/provinces/${DEMO2_PROVINCE_ID}/communes`));
    expect(communes.communes).toEqual([]);
  });

  it("Nghệ An's one-stop system lists only its own dossiers and is refused Thanh Hóa's", async () => {
    const listed = await json(await integration(ngheAn, "GET", "/v1/integration/dossiers?limit=500"));
    expect(listed.dossiers.map((d: { code: string }) => d.code).sort()).toEqual(dossiers.map((d) => d.code).sort());
    const theirs = firstDossiers[0]!;
    const res = await integration(ngheAn, "GET", `/v1/integration/dossiers/${encodeURIComponent(theirs.code)}`);
    expect(res.status).toBe(403);
    expect(await res.text()).not.toContain(theirs.applicant.name);
    const own = await integration(thanhHoa, "GET", `/v1/integration/dossiers/${encodeURIComponent(theirs.code)}`);
    expect(await own.text()).toContain(theirs.applicant.name);
  });
});

describe("seeding Nghệ An again", () => {
  it("changes nothing: the province and reference data upsert, every event comes back as a duplicate", async () => {
    expect((await admin(DEMO2_PROVINCE_PATH, "PUT", DEMO2_PROVINCE)).status).toBe(200);
    for (const write of secondDemoReferenceWrites()) await putReference(ngheAn, write.path, write.body);
    const results = await sendAll(
      ngheAn,
      dossiers.flatMap((d) => d.events),
    );
    expect(new Set(results.map((r) => r.outcome))).toEqual(new Set(["duplicate"]));
    const listed = await json(await integration(ngheAn, "GET", "/v1/integration/dossiers?limit=500"));
    expect(listed.dossiers).toHaveLength(dossiers.length);
  });
});

describe("the two demo Zalo apps", () => {
  it("connect each province to its own app, and a citizen signs in to Nghệ An only with a token of Nghệ An's app", async () => {
    // Read as scripts/start.ts reads .dev.vars (these are .dev.vars.example's values).
    const secrets = {
      DEMO_ZALO_APP_ID: "1867411251009331234",
      DEMO_ZALO_APP_SECRET: "demo-zalo-app-secret-not-real",
      DEMO_ZALO_MINIAPP_API_KEY: "demo-miniapp-api-key-not-real",
      DEMO_ZALO_OA_ACCESS_TOKEN: "demo-oa-access-token-not-real",
      DEMO2_ZALO_APP_ID: "2941800372615804871",
      DEMO2_ZALO_APP_SECRET: "demo2-zalo-app-secret-not-real",
      DEMO2_ZALO_MINIAPP_API_KEY: "demo2-miniapp-api-key-not-real",
      DEMO2_ZALO_OA_ACCESS_TOKEN: "demo2-oa-access-token-not-real",
    };
    const firstApp = demoZaloApp(secrets, "3423478865165961046")!;
    const secondApp = demoZaloApp(secrets, DEMO2_MINI_APP_ID, "DEMO2")!;
    for (const key of ["appId", "appSecret", "miniAppId", "miniAppApiKey", "oaAccessToken"] as const) expect(secondApp[key], key).not.toBe(firstApp[key]);
    await fake("/__fake/apps", {
      method: "PUT",
      body: { apps: [firstApp, secondApp].map(({ oaAccessToken: _, ...app }) => app), oaAccessTokens: [firstApp.oaAccessToken, secondApp.oaAccessToken] },
    });
    const templates = Object.fromEntries(MESSAGE_KINDS.map((kind) => [kind, `demo-${kind}`]));
    const zaloApp = (app: typeof firstApp) => ({ ...app, templates: { miniapp: templates, zns: templates } });
    expect((await admin(`${DEMO_PROVINCE_PATH}/zalo-app`, "PUT", zaloApp(firstApp))).status).toBe(200);
    expect((await admin(`${DEMO2_PROVINCE_PATH}/zalo-app`, "PUT", zaloApp(secondApp))).status).toBe(200);
    // The same app for both would be refused: that is why the second has ids of its own.
    expect((await admin(`${DEMO2_PROVINCE_PATH}/zalo-app`, "PUT", zaloApp(firstApp))).status).toBe(409);

    const session = await signIn(DEMO2_PROVINCE_ID, secondApp.appId, "dev-citizen-nghe-an");
    const me = await call("/v1/me/communes", { headers: { authorization: `Bearer ${session}` } });
    expect(me.status).toBe(200);
    await expect(signIn(DEMO2_PROVINCE_ID, firstApp.appId, "dev-citizen-nghe-an")).rejects.toThrow(/session: 4\d\d/);
  });
});

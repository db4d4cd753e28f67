/**
 * The demo's communes and news as the seed writes them (scripts/lib/demo-news.ts), through the same routes in
 * workerd: Thanh Hóa's 166 units with their national codes, the posts in the feed with the drawn cover, and the
 * dev citizen's two communes. A province of its own, so the data is checked whatever else the demo holds.
 */
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { DEMO_ALERT_COMMUNE, DEMO_COMMUNES, DEMO_HOME_COMMUNE, demoNews, demoNewsCoverPng } from "../../scripts/demo";
import { call, integration, json } from "./helpers";
import { type NewsProvince, newsProvince } from "./news-helpers";
import { asCitizen, signIn } from "./zalo-helpers";

let P: NewsProvince;
const now = new Date();
const posts = demoNews(now);

beforeAll(async () => {
  P = await newsProvince("news-demo", "H85", "8500000001");
  for (let i = 0; i < DEMO_COMMUNES.length; i += 8) {
    const answers = await Promise.all(
      DEMO_COMMUNES.slice(i, i + 8).map(([code, name]) => integration(P.client, "PUT", `/v1/integration/communes/${code}`, { name })),
    );
    for (const a of answers) expect(a.status).toBe(200);
  }
  for (const post of posts) {
    const res = await integration(P.client, "PUT", `/v1/integration/news/${post.id}`, post.request);
    expect(res.status, await res.clone().text()).toBe(200);
  }
});

describe("the demo's communes", () => {
  it("are Thanh Hóa's 166 units since 1 July 2025: 19 wards and 147 communes, each code once", async () => {
    expect(DEMO_COMMUNES).toHaveLength(166);
    expect(new Set(DEMO_COMMUNES.map(([code]) => code)).size).toBe(166);
    expect(DEMO_COMMUNES.filter(([, name]) => name.startsWith("Phường "))).toHaveLength(19);
    expect(DEMO_COMMUNES.filter(([, name]) => name.startsWith("Xã "))).toHaveLength(147);
    for (const [code, name] of DEMO_COMMUNES) {
      expect(code).toMatch(/^\d{5}$/);
      expect(name.normalize("NFC")).toBe(name);
    }
    const { communes } = await json(await call(`/v1/provinces/${P.id}/communes`));
    expect(communes).toHaveLength(166);
    expect(communes).toContainEqual({ code: DEMO_HOME_COMMUNE, name: "Phường Hạc Thành" });
    expect(communes).toContainEqual({ code: DEMO_ALERT_COMMUNE, name: "Phường Đông Tiến" });
  });
});

describe("the demo's news", () => {
  it("has a post of each category, published in the past, shown newest first", async () => {
    expect(new Set(posts.map((p) => p.request.category))).toEqual(new Set(["chinh-sach", "thong-bao", "huong-dan"]));
    for (const p of posts) expect(Date.parse(p.request.publishedAt!)).toBeLessThan(now.getTime());
    const feed = await json(await call(`/v1/provinces/${P.id}/news`));
    const expected = [...posts].sort((a, b) => b.request.publishedAt!.localeCompare(a.request.publishedAt!)).map((p) => p.id);
    expect(feed.news.map((n: { id: string }) => n.id)).toEqual(expected);
    for (const p of posts) {
      const item = await json(await call(`/v1/provinces/${P.id}/news/${p.id}`));
      expect(item.paragraphs.length).toBeGreaterThan(1);
      expect(JSON.stringify(item)).not.toMatch(/\bbạn\b/i);
    }
    // Past posts do not message anyone.
    const sent = await env.DB.prepare("SELECT count(*) AS n FROM broadcasts WHERE province_id = ?").bind(P.id).first<{ n: number }>();
    expect(sent!.n).toBe(0);
  });

  it("has a cover drawn in code that passes the photo checks and is served", async () => {
    const png = await demoNewsCoverPng();
    const post = posts.find((p) => p.cover)!;
    const res = await call(`/v1/staff/news/${post.id}/cover`, {
      method: "PUT",
      headers: { authorization: `Bearer ${P.admin}`, "content-type": "image/png" },
      body: png,
    });
    expect(res.status, await res.clone().text()).toBe(200);
    const { coverUrl } = await json(res);
    const url = new URL(coverUrl);
    const served = await call(url.pathname + url.search);
    expect(served.headers.get("content-type")).toBe("image/png");
    expect(new Uint8Array(await served.arrayBuffer())).toEqual(png);
  });

  it("lets the dev citizen follow where they live and the demo alert's commune", async () => {
    const session = await signIn(P.id, P.app, "dev-citizen");
    const chosen = [
      { code: DEMO_HOME_COMMUNE, purpose: "home" },
      { code: DEMO_ALERT_COMMUNE, purpose: "family" },
    ];
    const res = await asCitizen(session, "/v1/me/communes", "PUT", { communes: chosen });
    expect(res.status).toBe(200);
    expect((await json(res)).communes.map((c: { name: string }) => c.name)).toEqual(["Phường Hạc Thành", "Phường Đông Tiến"]);
  });
});

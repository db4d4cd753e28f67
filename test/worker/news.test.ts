/**
 * The province's news end to end in workerd against the real local D1, R2 and queue: who may write (the
 * communications permission), publishing and its one broadcast, the public feed and a post's paragraphs, scheduled
 * and unpublished posts, covers without metadata, and the integration's idempotent upsert.
 */
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { call, integration, json } from "./helpers";
import { jpegWithMetadata } from "./image-fixtures";
import { NEWS, type NewsProvince, newsProvince } from "./news-helpers";
import { asCitizen } from "./zalo-helpers";

let X: NewsProvince;
let Y: NewsProvince;

beforeAll(async () => {
  X = await newsProvince("news-x", "H83", "8300000001");
  Y = await newsProvince("news-y", "H84", "8400000001");
});

const minutesFromNow = (m: number) => new Date(Date.now() + m * 60_000).toISOString();
const broadcastsOf = async (provinceId: string, subject: string) =>
  (await env.DB.prepare("SELECT kind, subject, outbox_id FROM broadcasts WHERE province_id = ? AND subject = ?").bind(provinceId, subject).all()).results;
const vietnamese = /[àáảãạăâđèéêìíòóôơùúưỳý]/i;

async function grant(p: NewsProvince, permissions: string[]) {
  const res = await asCitizen(p.admin, "/v1/staff/officers/cb-writer/permissions", "PUT", { permissions });
  expect(res.status).toBe(200);
  return json(res);
}

describe("the communications permission", () => {
  it("is held by province admins; a province admin gives it to an officer by name and takes it back", async () => {
    expect((await json(await asCitizen(X.admin, "/v1/staff/me"))).permissions).toEqual(["communications", "alerts"]);
    expect((await json(await asCitizen(X.writer, "/v1/staff/me"))).permissions).toEqual([]);

    const refused = await asCitizen(X.writer, "/v1/staff/news", "POST", NEWS);
    expect(refused.status).toBe(403);
    const { error } = await json(refused);
    expect(error.code).toBe("permission_required");
    expect(error.message).toMatch(vietnamese);
    expect((await asCitizen(X.writer, "/v1/staff/news")).status).toBe(403);

    const officers = await json(await asCitizen(X.admin, "/v1/staff/officers"));
    expect(officers.officers.find((o: { id: string }) => o.id === "cb-writer")).toMatchObject({ permissions: [], effectivePermissions: [], linked: true });
    expect(officers.officers.find((o: { id: string }) => o.id === "cb-admin")).toMatchObject({ effectivePermissions: ["communications", "alerts"] });

    expect(await grant(X, ["communications"])).toMatchObject({ id: "cb-writer", permissions: ["communications"], effectivePermissions: ["communications"] });
    expect((await json(await asCitizen(X.writer, "/v1/staff/me"))).permissions).toEqual(["communications"]);
    const posted = await asCitizen(X.writer, "/v1/staff/news", "POST", { ...NEWS, notify: false });
    expect(posted.status).toBe(201);

    await grant(X, []);
    expect((await asCitizen(X.writer, "/v1/staff/news", "POST", NEWS)).status).toBe(403);
  });

  it("is managed only by province admins, and only for their own province's officers", async () => {
    // An officer (even one with communications) cannot give rights.
    await grant(X, ["communications"]);
    const byOfficer = await asCitizen(X.writer, "/v1/staff/officers/cb-writer/permissions", "PUT", { permissions: ["communications"] });
    expect(byOfficer.status).toBe(403);
    expect((await json(byOfficer)).error.message).toMatch(vietnamese);
    expect((await asCitizen(X.writer, "/v1/staff/officers")).status).toBe(403);
    // Y's admin reaches only Y's officers: X's are not found.
    expect((await asCitizen(Y.admin, "/v1/staff/officers/cb-missing/permissions", "PUT", { permissions: [] })).status).toBe(404);
    const ysOfficers = await json(await asCitizen(Y.admin, "/v1/staff/officers"));
    expect(ysOfficers.officers.every((o: { id: string }) => ["cb-admin", "cb-writer", `cb-${Y.agency}`].includes(o.id))).toBe(true);
    const row = await env.DB.prepare("SELECT permissions FROM officers WHERE province_id = ? AND id = 'cb-writer'").bind(Y.id).first<{ permissions: string }>();
    expect(JSON.parse(row!.permissions)).toEqual([]);
    // An unknown right is refused.
    expect((await asCitizen(X.admin, "/v1/staff/officers/cb-writer/permissions", "PUT", { permissions: ["everything"] })).status).toBe(400);
    await grant(X, []);
  });

  it("can be given by the one-stop system when it registers an officer", async () => {
    const put = await integration(X.client, "PUT", "/v1/integration/officers/cb-press", { displayName: "Cán bộ báo chí", permissions: ["communications"] });
    expect(put.status).toBe(200);
    expect(await json(put)).toMatchObject({ id: "cb-press", permissions: ["communications"] });
    // Without `permissions`, an update leaves them as they are.
    const again = await json(await integration(X.client, "PUT", "/v1/integration/officers/cb-press", { displayName: "Cán bộ báo chí tỉnh" }));
    expect(again.permissions).toEqual(["communications"]);
    expect((await integration(X.client, "PUT", "/v1/integration/officers/cb-press", { displayName: "X", permissions: ["alerts"] })).status).toBe(400);
  });
});

describe("a news post written by staff", () => {
  it("is published, announced once, read in the feed and as paragraphs with links, edited without a new message, then unpublished", async () => {
    const posted = await asCitizen(X.admin, "/v1/staff/news", "POST", NEWS);
    expect(posted.status).toBe(201);
    const post = await json(posted);
    expect(post).toMatchObject({ title: NEWS.title, category: "thong-bao", state: "published", source: "staff", author: "cb-admin", coverUrl: null });
    expect(await broadcastsOf(X.id, post.id)).toEqual([{ kind: "news", subject: post.id, outbox_id: expect.any(Number) }]);
    const outbox = await env.DB.prepare("SELECT kind, audience, params, not_before FROM outbox WHERE dedupe_key = ?")
      .bind(`broadcast:${X.id}:news:${post.id}`)
      .first<{ kind: string; audience: string; params: string; not_before: string | null }>();
    expect(outbox).toMatchObject({ kind: "news", not_before: null });
    expect(JSON.parse(outbox!.audience)).toEqual({ subscribers: true });
    expect(JSON.parse(outbox!.params)).toEqual({ code: post.id, newsId: post.id, title: NEWS.title, summary: NEWS.summary });

    const feed = await json(await call(`/v1/provinces/${X.id}/news`));
    expect(feed.news[0]).toEqual({
      id: post.id,
      title: NEWS.title,
      summary: NEWS.summary,
      category: "thong-bao",
      publishedAt: post.publishedAt,
      coverUrl: null,
    });
    const item = await json(await call(`/v1/provinces/${X.id}/news/${post.id}`));
    expect(item.paragraphs).toEqual([
      { text: "Từ ngày 1/7, công an cấp xã nhận hồ sơ cấp căn cước.", links: [] },
      {
        text: "Xem thủ tục tại https://dichvucong.gov.vn/p/home.",
        links: [{ text: "https://dichvucong.gov.vn/p/home", url: "https://dichvucong.gov.vn/p/home" }],
      },
    ]);
    // Another province's feed does not carry it.
    expect((await call(`/v1/provinces/${Y.id}/news/${post.id}`)).status).toBe(404);

    const edited = await asCitizen(X.admin, `/v1/staff/news/${post.id}`, "PUT", { ...NEWS, title: "Làm căn cước tại xã, phường từ 1/7" });
    expect(edited.status).toBe(200);
    expect((await json(await call(`/v1/provinces/${X.id}/news/${post.id}`))).title).toBe("Làm căn cước tại xã, phường từ 1/7");
    expect(await broadcastsOf(X.id, post.id)).toHaveLength(1);

    const gone = await asCitizen(X.admin, `/v1/staff/news/${post.id}`, "DELETE");
    expect(gone.status).toBe(200);
    expect((await json(gone)).state).toBe("unpublished");
    expect((await call(`/v1/provinces/${X.id}/news/${post.id}`)).status).toBe(404);
    const after = await json(await call(`/v1/provinces/${X.id}/news`));
    expect(after.news.map((n: { id: string }) => n.id)).not.toContain(post.id);
    // Still there for its writers, marked unpublished.
    const mine = await json(await asCitizen(X.admin, "/v1/staff/news"));
    expect(mine.news.find((n: { id: string }) => n.id === post.id)).toMatchObject({ state: "unpublished" });
  });

  it("cannot be touched by staff of another province", async () => {
    const post = await json(await asCitizen(X.admin, "/v1/staff/news", "POST", { ...NEWS, notify: false }));
    expect((await asCitizen(Y.admin, `/v1/staff/news/${post.id}`, "PUT", NEWS)).status).toBe(404);
    expect((await asCitizen(Y.admin, `/v1/staff/news/${post.id}`, "DELETE")).status).toBe(404);
    const cover = await call(`/v1/staff/news/${post.id}/cover`, {
      method: "PUT",
      headers: { authorization: `Bearer ${Y.admin}`, "content-type": "image/jpeg" },
      body: jpegWithMetadata(),
    });
    expect(cover.status).toBe(404);
    expect((await json(await asCitizen(Y.admin, "/v1/staff/news"))).news.map((n: { id: string }) => n.id)).not.toContain(post.id);
    expect((await call(`/v1/provinces/${X.id}/news/${post.id}`)).status).toBe(200);
  });

  it("takes a body of 20,000 Vietnamese characters and refuses anything over a limit or an unknown category, in Vietnamese naming the field", async () => {
    // The longest body, in letters that take 3 bytes each in UTF-8: past the 16 kB other signed-in bodies may carry.
    const longest = await asCitizen(X.admin, "/v1/staff/news", "POST", { ...NEWS, title: "ệ".repeat(120), body: "ệ".repeat(20_000), notify: false });
    expect(longest.status).toBe(201);
    expect((await json(longest)).body).toHaveLength(20_000);
    for (const [body, field] of [
      [{ ...NEWS, title: "a".repeat(121) }, "title"],
      [{ ...NEWS, summary: "a".repeat(301) }, "summary"],
      [{ ...NEWS, body: "ệ".repeat(20_001) }, "body"],
      [{ ...NEWS, category: "giai-tri" }, "category"],
      [{ ...NEWS, publishedAt: "ngày mai" }, "publishedAt"],
    ] as const) {
      const res = await asCitizen(X.admin, "/v1/staff/news", "POST", body);
      expect(res.status, field).toBe(400);
      const { error } = await json(res);
      expect(error.field).toBe(field);
      expect(error.message, field).toMatch(vietnamese);
    }
    // Still bounded: a body far over the limit is cut off before it is read.
    expect((await asCitizen(X.admin, "/v1/staff/news", "POST", { ...NEWS, body: "a".repeat(200_000) })).status).toBe(413);
  });
});

describe("scheduled and unpublished posts", () => {
  it("a future publish time keeps a post out of the feed and its message waiting until then", async () => {
    const at = minutesFromNow(120);
    const post = await json(await asCitizen(X.admin, "/v1/staff/news", "POST", { ...NEWS, title: "Tin hẹn giờ", publishedAt: at }));
    expect(post.state).toBe("scheduled");
    const feed = await json(await call(`/v1/provinces/${X.id}/news?limit=50`));
    expect(feed.news.map((n: { id: string }) => n.id)).not.toContain(post.id);
    expect((await call(`/v1/provinces/${X.id}/news/${post.id}`)).status).toBe(404);
    const dedupe = `broadcast:${X.id}:news:${post.id}`;
    const outbox = await env.DB.prepare("SELECT not_before FROM outbox WHERE dedupe_key = ?").bind(dedupe).first<{ not_before: string }>();
    expect(outbox!.not_before).toBe(at);

    // Moved later before it went out: the waiting message follows.
    const later = minutesFromNow(240);
    await asCitizen(X.admin, `/v1/staff/news/${post.id}`, "PUT", { ...NEWS, title: "Tin hẹn giờ (dời)", publishedAt: later });
    const moved = await env.DB.prepare("SELECT not_before, params FROM outbox WHERE dedupe_key = ?")
      .bind(dedupe)
      .first<{ not_before: string; params: string }>();
    expect(moved!.not_before).toBe(later);
    expect(JSON.parse(moved!.params).title).toBe("Tin hẹn giờ (dời)");

    // Unpublished before it went out: the message is withdrawn.
    await asCitizen(X.admin, `/v1/staff/news/${post.id}`, "DELETE");
    expect(await env.DB.prepare("SELECT id FROM outbox WHERE dedupe_key = ?").bind(dedupe).first()).toBeNull();
    expect(await broadcastsOf(X.id, post.id)).toEqual([]);
  });
});

describe("the news feed", () => {
  it("pages newest first with an opaque cursor, ties broken by id, never repeating or skipping a post", async () => {
    const ids: string[] = [];
    // Two posts at the same minute, others an hour apart, all in the past; written out of order.
    const times = [-600, -60, -300, -60, -1200, -30];
    for (const [i, m] of times.entries()) {
      const id = `feed-${i}`;
      ids.push(id);
      const res = await integration(Y.client, "PUT", `/v1/integration/news/${id}`, {
        ...NEWS,
        title: `Tin ${i}`,
        publishedAt: minutesFromNow(m),
        notify: false,
      });
      expect(res.status).toBe(200);
    }
    const expected = ids
      .map((id, i) => ({ id, at: minutesFromNow(times[i]!) }))
      .sort((a, b) => (a.at === b.at ? b.id.localeCompare(a.id) : b.at.localeCompare(a.at)))
      .map((p) => p.id);
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const res = await call(`/v1/provinces/${Y.id}/news?limit=2${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}`);
      expect(res.status).toBe(200);
      const page: { news: { id: string }[]; next: string | null } = await json(res);
      expect(page.news.length).toBeLessThanOrEqual(2);
      seen.push(...page.news.map((n) => n.id));
      cursor = page.next;
      pages++;
    } while (cursor && pages < 10);
    expect(seen.filter((id) => id.startsWith("feed-"))).toEqual(expected);
    expect(new Set(seen).size).toBe(seen.length);

    for (const bad of ["nope", "eyJ4IjoxfQ", "a".repeat(201)]) {
      const res = await call(`/v1/provinces/${Y.id}/news?cursor=${bad}`);
      expect(res.status).toBe(400);
      expect((await json(res)).error.message).toMatch(vietnamese);
    }
    for (const limit of ["0", "51", "abc"]) expect((await call(`/v1/provinces/${Y.id}/news?limit=${limit}`)).status).toBe(400);
  });
});

describe("the province portal's news (integration)", () => {
  it("upserts idempotently: the same body twice is one post and one broadcast; an edit sends nothing more", async () => {
    const body = { ...NEWS, category: "chinh-sach", title: "Chính sách hỗ trợ học phí năm học mới" };
    const first = await integration(X.client, "PUT", "/v1/integration/news/portal-1", body);
    expect(first.status).toBe(200);
    expect(await json(first)).toMatchObject({ id: "portal-1", outcome: "created", source: "integration", state: "published" });
    expect(await json(await integration(X.client, "PUT", "/v1/integration/news/portal-1", body))).toMatchObject({ outcome: "unchanged" });
    expect(await json(await integration(X.client, "PUT", "/v1/integration/news/portal-1", { ...body, summary: "Sửa tóm tắt." }))).toMatchObject({
      outcome: "updated",
      summary: "Sửa tóm tắt.",
    });
    const rows = await env.DB.prepare("SELECT count(*) AS n FROM news_posts WHERE province_id = ? AND id = 'portal-1'").bind(X.id).first<{ n: number }>();
    expect(rows!.n).toBe(1);
    expect(await broadcastsOf(X.id, "portal-1")).toHaveLength(1);

    // Concurrent first writes of one post: still one broadcast.
    const same = { ...body, title: "Đồng thời" };
    const answers = await Promise.all(Array.from({ length: 4 }, () => integration(X.client, "PUT", "/v1/integration/news/portal-race", same)));
    for (const a of answers) expect(a.status).toBe(200);
    expect(await broadcastsOf(X.id, "portal-race")).toHaveLength(1);

    // notify false: published, nobody messaged.
    await integration(X.client, "PUT", "/v1/integration/news/portal-quiet", { ...body, notify: false });
    expect(await broadcastsOf(X.id, "portal-quiet")).toEqual([]);
    expect((await call(`/v1/provinces/${X.id}/news/portal-quiet`)).status).toBe(200);
  });

  it("DELETE unpublishes a post of the client's own province only", async () => {
    await integration(X.client, "PUT", "/v1/integration/news/portal-del", { ...NEWS, notify: false });
    expect((await integration(Y.client, "DELETE", "/v1/integration/news/portal-del")).status).toBe(404);
    expect((await call(`/v1/provinces/${X.id}/news/portal-del`)).status).toBe(200);
    const res = await integration(X.client, "DELETE", "/v1/integration/news/portal-del");
    expect(res.status).toBe(200);
    expect((await json(res)).state).toBe("unpublished");
    expect((await call(`/v1/provinces/${X.id}/news/portal-del`)).status).toBe(404);
    expect((await integration(X.client, "DELETE", "/v1/integration/news/portal-none")).status).toBe(404);
    // Answers in English for integrators.
    const bad = await integration(X.client, "PUT", "/v1/integration/news/portal-bad", { ...NEWS, title: "" });
    expect(bad.status).toBe(400);
    expect((await json(bad)).error.field).toBe("title");
  });

  it("returns HTML in a body as text: never rendered, links only for bare https URLs", async () => {
    const body = [
      '<script>alert("x")</script><b>Thông báo</b>',
      '<a href="javascript:alert(1)">bấm vào đây</a> hoặc http://khong-an-toan.vn',
      "Cổng dịch vụ công: https://dichvucong.thanhhoa.gov.vn/portal, hỏi đáp (https://hoidap.gov.vn).",
    ].join("\n\n");
    await integration(X.client, "PUT", "/v1/integration/news/portal-html", { ...NEWS, body, notify: false });
    const res = await call(`/v1/provinces/${X.id}/news/portal-html`);
    expect(res.headers.get("content-type")).toContain("application/json");
    const item = await json(res);
    expect(item.body).toBe(body);
    expect(item.paragraphs).toEqual([
      { text: '<script>alert("x")</script><b>Thông báo</b>', links: [] },
      { text: '<a href="javascript:alert(1)">bấm vào đây</a> hoặc http://khong-an-toan.vn', links: [] },
      {
        text: "Cổng dịch vụ công: https://dichvucong.thanhhoa.gov.vn/portal, hỏi đáp (https://hoidap.gov.vn).",
        links: [
          { text: "https://dichvucong.thanhhoa.gov.vn/portal", url: "https://dichvucong.thanhhoa.gov.vn/portal" },
          { text: "https://hoidap.gov.vn", url: "https://hoidap.gov.vn" },
        ],
      },
    ]);
  });
});

describe("a news cover", () => {
  const putCover = (session: string, id: string, body: Uint8Array, type = "image/jpeg") =>
    call(`/v1/staff/news/${id}/cover`, { method: "PUT", headers: { authorization: `Bearer ${session}`, "content-type": type }, body });
  const latin1 = (b: Uint8Array) => String.fromCharCode(...b);

  it("is stored without metadata, served publicly with its type, and replacing it deletes the old one", async () => {
    const post = await json(await asCitizen(X.admin, "/v1/staff/news", "POST", { ...NEWS, notify: false }));
    const original = jpegWithMetadata();
    expect(latin1(original)).toMatch(/GPS/);
    const res = await putCover(X.admin, post.id, original);
    expect(res.status).toBe(200);
    const withCover = await json(res);
    expect(withCover.coverUrl).toMatch(new RegExp(`/v1/provinces/${X.id}/news/${post.id}/cover\\?v=`));
    const first = await env.DB.prepare("SELECT cover FROM news_posts WHERE province_id = ? AND id = ?").bind(X.id, post.id).first<{ cover: string }>();
    const key = JSON.parse(first!.cover).key as string;
    expect(key.startsWith(`news/${X.id}/${post.id}/`)).toBe(true);

    const served = await call(new URL(withCover.coverUrl).pathname + new URL(withCover.coverUrl).search);
    expect(served.status).toBe(200);
    expect(served.headers.get("content-type")).toBe("image/jpeg");
    expect(served.headers.get("cache-control")).toContain("public");
    const bytes = new Uint8Array(await served.arrayBuffer());
    expect(latin1(bytes)).not.toMatch(/GPS|Exif|taken at home/);
    expect(bytes.slice(0, 2)).toEqual(new Uint8Array([0xff, 0xd8]));
    expect((await json(await call(`/v1/provinces/${X.id}/news`))).news.find((n: { id: string }) => n.id === post.id).coverUrl).toBe(withCover.coverUrl);

    const replaced = await json(await putCover(X.admin, post.id, original));
    expect(replaced.coverUrl).not.toBe(withCover.coverUrl);
    expect(await env.MEDIA.get(key)).toBeNull();
  });

  it("keeps exactly one cover in R2 when uploads race: each replaces the one the others did not", async () => {
    const post = await json(await asCitizen(X.admin, "/v1/staff/news", "POST", { ...NEWS, notify: false }));
    const answers = await Promise.all(Array.from({ length: 5 }, () => putCover(X.admin, post.id, jpegWithMetadata())));
    for (const a of answers) expect(a.status).toBe(200);
    const listed = await env.MEDIA.list({ prefix: `news/${X.id}/${post.id}/` });
    const row = await env.DB.prepare("SELECT cover FROM news_posts WHERE province_id = ? AND id = ?").bind(X.id, post.id).first<{ cover: string }>();
    expect(listed.objects.map((o) => o.key)).toEqual([JSON.parse(row!.cover).key]);
  });

  it("refuses what is not a photo, a photo over 2 MB, and a writer without the permission", async () => {
    const post = await json(await asCitizen(X.admin, "/v1/staff/news", "POST", { ...NEWS, notify: false }));
    const notImage = await putCover(X.admin, post.id, new TextEncoder().encode("<svg onload=alert(1)>"), "image/png");
    expect(notImage.status).toBe(415);
    expect((await json(notImage)).error.message).toMatch(vietnamese);
    const big = new Uint8Array(2 * 1024 * 1024 + 1);
    big.set(jpegWithMetadata());
    expect((await putCover(X.admin, post.id, big)).status).toBe(413);
    expect((await putCover(X.writer, post.id, jpegWithMetadata())).status).toBe(403);
    expect((await putCover(X.admin, "tin-khong-co", jpegWithMetadata())).status).toBe(404);
    expect((await call(`/v1/provinces/${X.id}/news/${post.id}/cover`)).status).toBe(404);
  });
});

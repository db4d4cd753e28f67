/**
 * The authorisation matrix's rows for communes and news (spread into TABLE in authz-table.ts). X's province admin
 * holds the communications permission by role; X's officer and department head do not, nor does Y's officer.
 */
import { call, integration } from "../helpers";
import { jpegWithMetadata } from "../image-fixtures";
import { type Actor, ACTORS, SIGNED_IN, type World, X } from "./actors";
import type { Row } from "./authz-table";

const ALL: Actor[] = [...ACTORS];
const WRITERS: Actor[] = ["provinceAdminX"];
/** Staff without the permission (or, for officers and permissions, without the province admin's role). */
const STAFF_REFUSED = { officerX: 403, officerY: 403, departmentHeadX: 403 } as const;
const COMMUNE = "71001";
const POST = {
  title: "Lịch tiếp công dân tháng này",
  summary: "Lãnh đạo tỉnh tiếp công dân vào thứ Năm.",
  body: "Nội dung.",
  category: "thong-bao",
  notify: false,
};

let seeded: Promise<void> | undefined;
let fresh = 0;

/** X's commune, published posts of X's (one with a cover), and a spare officer to give rights to: once per run. */
function seedNews(w: World): Promise<void> {
  seeded ??= (async () => {
    const commune = await integration(w.clientX, "PUT", `/v1/integration/communes/${COMMUNE}`, { name: "Phường Ma Trận" });
    const post = await integration(w.clientX, "PUT", "/v1/integration/news/matrix-news", POST);
    const xOnly = await integration(w.clientX, "PUT", "/v1/integration/news/matrix-x-only", POST);
    const officer = await integration(w.clientX, "PUT", "/v1/integration/officers/cb-press-x", {
      displayName: "Cán bộ báo chí",
      departmentId: `tp-${X.agency}`,
    });
    const cover = await call("/v1/staff/news/matrix-news/cover", {
      method: "PUT",
      headers: { authorization: `Bearer ${w.sessions.provinceAdminX}`, "content-type": "image/jpeg" },
      body: jpegWithMetadata(),
    });
    for (const res of [commune, post, xOnly, officer, cover]) if (res.status !== 200) throw new Error(`news seed: ${res.status} ${await res.text()}`);
  })();
  return seeded;
}

/** A post of X's made for one request (the admin unpublishes what it made). */
async function freshPost(w: World): Promise<string> {
  const id = `matrix-fresh-${++fresh}`;
  const res = await integration(w.clientX, "PUT", `/v1/integration/news/${id}`, POST);
  if (res.status !== 200) throw new Error(`news: ${res.status}`);
  return id;
}

const seededPath = (path: string) => async (w: World) => {
  await seedNews(w);
  return { path };
};

export const NEWS_ROWS: Record<string, Row> = {
  "GET /v1/provinces/{provinceId}/communes": { ok: ALL, request: seededPath(`/v1/provinces/${X.province}/communes`) },
  "GET /v1/provinces/{provinceId}/news": { ok: ALL, request: seededPath(`/v1/provinces/${X.province}/news`) },
  "GET /v1/provinces/{provinceId}/news/{newsId}": { ok: ALL, request: seededPath(`/v1/provinces/${X.province}/news/matrix-news`) },
  "GET /v1/provinces/{provinceId}/news/{newsId}/cover": { ok: ALL, request: seededPath(`/v1/provinces/${X.province}/news/matrix-news/cover`) },
  // Commune codes and news ids are the province's own: Y's client writes Y's copy.
  "PUT /v1/integration/communes/{code}": {
    ok: ["clientX", "clientY"],
    request: () => ({ path: `/v1/integration/communes/${COMMUNE}`, body: { name: "Phường Ma Trận" } }),
  },
  "PUT /v1/integration/news/{newsId}": { ok: ["clientX", "clientY"], request: () => ({ path: "/v1/integration/news/matrix-news", body: POST }) },
  // X's client unpublishes a post made for it; Y's client does not find one only X has.
  "DELETE /v1/integration/news/{newsId}": {
    ok: ["clientX"],
    request: async (w, a) => {
      await seedNews(w);
      return { path: `/v1/integration/news/${a === "clientX" ? await freshPost(w) : "matrix-x-only"}` };
    },
  },
  // Each signed-in caller reads and sets only their own choice (Y's officer chooses none: X's commune is not Y's).
  "GET /v1/me/communes": { ok: SIGNED_IN, request: fixed("/v1/me/communes") },
  "PUT /v1/me/communes": {
    ok: SIGNED_IN,
    request: async (w, a) => {
      await seedNews(w);
      return { path: "/v1/me/communes", body: { communes: a === "officerY" ? [] : [{ code: COMMUNE, purpose: "home" }] } };
    },
  },
  "DELETE /v1/me/communes": { ok: SIGNED_IN, request: fixed("/v1/me/communes") },
  "GET /v1/staff/news": { ok: WRITERS, request: seededPath("/v1/staff/news"), refusal: STAFF_REFUSED },
  "POST /v1/staff/news": { ok: WRITERS, request: fixed("/v1/staff/news", POST), refusal: STAFF_REFUSED },
  "PUT /v1/staff/news/{newsId}": {
    ok: WRITERS,
    request: async (w) => {
      await seedNews(w);
      return { path: "/v1/staff/news/matrix-news", body: POST };
    },
    refusal: STAFF_REFUSED,
  },
  "DELETE /v1/staff/news/{newsId}": {
    ok: WRITERS,
    request: async (w, a) => {
      await seedNews(w);
      return { path: `/v1/staff/news/${a === "provinceAdminX" ? await freshPost(w) : "matrix-news"}` };
    },
    refusal: STAFF_REFUSED,
  },
  "PUT /v1/staff/news/{newsId}/cover": {
    ok: WRITERS,
    request: async (w) => {
      await seedNews(w);
      return { path: "/v1/staff/news/matrix-news/cover", body: jpegWithMetadata() };
    },
    refusal: STAFF_REFUSED,
  },
  "GET /v1/staff/officers": { ok: WRITERS, request: fixed("/v1/staff/officers"), refusal: STAFF_REFUSED },
  "PUT /v1/staff/officers/{officerId}/permissions": {
    ok: WRITERS,
    request: async (w) => {
      await seedNews(w);
      return { path: "/v1/staff/officers/cb-press-x/permissions", body: { permissions: ["communications"] } };
    },
    refusal: STAFF_REFUSED,
  },
};

function fixed(path: string, body?: unknown) {
  return () => ({ path, body });
}

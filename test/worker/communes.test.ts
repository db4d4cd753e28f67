/**
 * Communes and the citizen's choice, in workerd against the real local D1: the public list in Vietnamese order,
 * upserts by the province's own client only, and a signed-in citizen's 0–5 communes with why, replaced whole.
 */
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { call, createProvince, integration, json, type Client } from "./helpers";
import { asCitizen, connectZalo, signIn } from "./zalo-helpers";

const X = { province: "communes-x", agency: "000.00.81.H81", app: "8100000001" };
const Y = { province: "communes-y", agency: "000.00.82.H82", app: "8200000001" };
let clientX: Client;
let clientY: Client;

const X_COMMUNES: [string, string][] = [
  ["81005", "Xã Đông Tiến"],
  ["81001", "Phường Hạc Thành"],
  ["81003", "Xã Định Hòa"],
  ["81002", "Phường Ba Đình"],
  ["81004", "Xã Dân Lực"],
  ["81006", "Xã Ái Thượng"],
  ["81007", "Xã An Nông"],
];

async function putCommune(client: Client, code: string, name: string) {
  const res = await integration(client, "PUT", `/v1/integration/communes/${code}`, { name });
  expect(res.status, await res.clone().text()).toBe(200);
  return json(res);
}

beforeAll(async () => {
  clientX = await createProvince(X.province, X.agency);
  clientY = await createProvince(Y.province, Y.agency);
  await connectZalo(X.province, X.app);
  await connectZalo(Y.province, Y.app);
  for (const [code, name] of X_COMMUNES) await putCommune(clientX, code, name);
  await putCommune(clientY, "82001", "Xã Bên Kia");
});

describe("a province's communes", () => {
  it("are listed in Vietnamese order of name (ă, â after a; đ after d), public and cacheable", async () => {
    const res = await call(`/v1/provinces/${X.province}/communes`);
    expect(res.status).toBe(200);
    expect(res.headers.get("cache-control")).toContain("public");
    const { communes } = await json(res);
    expect(communes.map((c: { name: string }) => c.name)).toEqual([
      "Phường Ba Đình",
      "Phường Hạc Thành",
      "Xã Ái Thượng",
      "Xã An Nông",
      "Xã Dân Lực",
      "Xã Định Hòa",
      "Xã Đông Tiến",
    ]);
    expect(communes[1]).toEqual({ code: "81001", name: "Phường Hạc Thành" });
    // Only the province's own.
    expect(JSON.stringify(communes)).not.toContain("82001");
  });

  it("are upserted by code: a second PUT renames, never duplicates", async () => {
    await putCommune(clientX, "81099", "Xã Tên Cũ");
    expect(await putCommune(clientX, "81099", "Xã Tên Mới")).toEqual({ code: "81099", name: "Xã Tên Mới" });
    const { communes } = await json(await call(`/v1/provinces/${X.province}/communes`));
    expect(communes.filter((c: { code: string }) => c.code === "81099")).toEqual([{ code: "81099", name: "Xã Tên Mới" }]);
  });

  it("are written only by the province's own client: another province's upsert lands in its own province", async () => {
    // Province Y's client writing 81001 creates Y's own 81001; X's commune keeps its name.
    await putCommune(clientY, "81001", "Tên do tỉnh khác đặt");
    const x = await json(await call(`/v1/provinces/${X.province}/communes`));
    expect(x.communes.find((c: { code: string }) => c.code === "81001")).toEqual({ code: "81001", name: "Phường Hạc Thành" });
    const row = await env.DB.prepare("SELECT name FROM communes WHERE province_id = ? AND code = ?").bind(X.province, "81001").first();
    expect(row).toEqual({ name: "Phường Hạc Thành" });
    await env.DB.prepare("DELETE FROM communes WHERE province_id = ? AND code = ?").bind(Y.province, "81001").run();
  });

  it("refuse a code that is not 5 digits, an empty name, and an unsigned request", async () => {
    for (const [code, body] of [
      ["1585", { name: "Xã Ngắn" }],
      ["ab123", { name: "Xã Chữ" }],
      ["81010", { name: "  " }],
      ["81010", {}],
    ] as const) {
      const res = await integration(clientX, "PUT", `/v1/integration/communes/${code}`, body);
      expect(res.status).toBe(400);
      expect((await json(res)).error.code).toBe("invalid_request");
    }
    expect((await call("/v1/integration/communes/81010", { method: "PUT", body: JSON.stringify({ name: "Xã Lạ" }) })).status).toBe(401);
  });
});

describe("the citizen's choice of communes", () => {
  it("is set, changed and cleared by the signed-in citizen, each commune with why", async () => {
    const session = await signIn(X.province, X.app, "communes-set");
    expect(await json(await asCitizen(session, "/v1/me/communes"))).toEqual({ communes: [] });

    const set = await asCitizen(session, "/v1/me/communes", "PUT", {
      communes: [
        { code: "81001", purpose: "home" },
        { code: "81005", purpose: "family" },
      ],
    });
    expect(set.status).toBe(200);
    expect(set.headers.get("cache-control")).toBe("private, no-store");
    const chosen = [
      { code: "81001", name: "Phường Hạc Thành", purpose: "home" },
      { code: "81005", name: "Xã Đông Tiến", purpose: "family" },
    ];
    expect((await json(set)).communes).toEqual(chosen);
    expect((await json(await asCitizen(session, "/v1/me/communes"))).communes).toEqual(chosen);

    // A PUT replaces the whole choice.
    const changed = await json(await asCitizen(session, "/v1/me/communes", "PUT", { communes: [{ code: "81003", purpose: "work" }] }));
    expect(changed.communes).toEqual([{ code: "81003", name: "Xã Định Hòa", purpose: "work" }]);

    expect((await asCitizen(session, "/v1/me/communes", "DELETE")).status).toBe(204);
    expect(await json(await asCitizen(session, "/v1/me/communes"))).toEqual({ communes: [] });
    // An empty list clears it too.
    await asCitizen(session, "/v1/me/communes", "PUT", { communes: [{ code: "81003", purpose: "work" }] });
    expect((await json(await asCitizen(session, "/v1/me/communes", "PUT", { communes: [] }))).communes).toEqual([]);
  });

  it("refuses an unknown commune, another province's, more than 5, one twice or a bad purpose, in Vietnamese, naming the item, changing nothing", async () => {
    const session = await signIn(X.province, X.app, "communes-bad");
    await asCitizen(session, "/v1/me/communes", "PUT", { communes: [{ code: "81002", purpose: "home" }] });
    const cases: [unknown[], string, string][] = [
      [
        [
          { code: "81001", purpose: "home" },
          { code: "81077", purpose: "work" },
        ],
        "unknown_commune",
        "communes.1.code",
      ],
      [[{ code: "82001", purpose: "home" }], "unknown_commune", "communes.0.code"],
      [X_COMMUNES.slice(0, 6).map(([code]) => ({ code, purpose: "other" })), "invalid_request", "communes"],
      [
        [
          { code: "81001", purpose: "home" },
          { code: "81001", purpose: "work" },
        ],
        "duplicate_commune",
        "communes.1.code",
      ],
      [[{ code: "81001", purpose: "holiday" }], "invalid_request", "communes.0.purpose"],
      [[{ code: "8100", purpose: "home" }], "invalid_request", "communes.0.code"],
    ];
    for (const [communes, code, field] of cases) {
      const res = await asCitizen(session, "/v1/me/communes", "PUT", { communes });
      expect(res.status, JSON.stringify(communes)).toBe(400);
      const { error } = await json(res);
      expect(error).toMatchObject({ code, field });
      expect(error.message).toMatch(/[àáảãạăâđèéêìíòóôơùúưỳý]/i);
      expect(error.message).not.toMatch(/\bbạn\b/i);
    }
    expect((await json(await asCitizen(session, "/v1/me/communes"))).communes).toEqual([{ code: "81002", name: "Phường Ba Đình", purpose: "home" }]);
  });

  it("needs a session: the client names no citizen", async () => {
    expect((await call("/v1/me/communes")).status).toBe(401);
    expect((await call("/v1/me/communes", { method: "PUT", headers: { "content-type": "application/json" }, body: '{"communes":[]}' })).status).toBe(401);
    expect((await call("/v1/me/communes", { method: "DELETE" })).status).toBe(401);
  });

  it("is one whole choice after concurrent PUTs, never a mix of them", async () => {
    const session = await signIn(X.province, X.app, "communes-race");
    const choices = [
      [
        { code: "81001", purpose: "home" },
        { code: "81002", purpose: "work" },
        { code: "81003", purpose: "family" },
      ],
      [
        { code: "81004", purpose: "home" },
        { code: "81005", purpose: "other" },
      ],
      [{ code: "81006", purpose: "family" }],
      [
        { code: "81007", purpose: "work" },
        { code: "81001", purpose: "family" },
      ],
    ];
    for (let round = 0; round < 5; round++) {
      const answers = await Promise.all(choices.map((communes) => asCitizen(session, "/v1/me/communes", "PUT", { communes })));
      for (const a of answers) expect(a.status).toBe(200);
      const now = (await json(await asCitizen(session, "/v1/me/communes"))).communes.map((c: { code: string; purpose: string }) => ({
        code: c.code,
        purpose: c.purpose,
      }));
      const key = (list: { code: string; purpose: string }[]) => JSON.stringify([...list].sort((a, b) => a.code.localeCompare(b.code)));
      expect(choices.map(key)).toContain(key(now));
    }
  });

  it("is documented in the OpenAPI document for the signed-in citizen", async () => {
    const doc = await json(await call("/v1/openapi.json"));
    for (const method of ["get", "put", "delete"]) expect(doc.paths["/v1/me/communes"][method]).toMatchObject({ security: [{ citizenSession: [] }] });
    expect(doc.paths["/v1/provinces/{provinceId}/communes"].get).toBeDefined();
    expect(doc.paths["/v1/integration/communes/{code}"].put).toBeDefined();
  });
});

import { beforeAll, describe, expect, it } from "vitest";
import { issueSession } from "../../worker/src/security/session";
import { THROTTLES } from "../../worker/src/security/throttle";
import { call, createProvince, json } from "./helpers";
import { asCitizen, connectZalo, fake, signIn, zaloToken } from "./zalo-helpers";

const PROVINCE = "session-a";
const APP = "1100000001";

const postSession = (body: unknown) => call("/v1/session", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });

beforeAll(async () => {
  await createProvince(PROVINCE, "000.00.11.H11");
  await connectZalo(PROVINCE, APP);
  // Another app Zalo knows, whose tokens must not open a session in this province.
  await fake("/__fake/apps", { method: "PUT", body: { apps: [{ appId: "1100000002", appSecret: "other-app-secret", miniAppId: "91100000002" }] } });
});

describe("POST /v1/session", () => {
  it("verifies the Zalo token with the Graph API and issues a session keyed on the id Zalo returned", async () => {
    const res = await postSession({ provinceId: PROVINCE, accessToken: await zaloToken(APP, "user-101") });
    expect(res.status).toBe(201);
    const body = await json(res);
    expect(body.sessionToken).toMatch(/^s1\./);
    expect(body.provinceId).toBe(PROVINCE);
    expect(Date.parse(body.expiresAt)).toBeGreaterThan(Date.now() + 60 * 60 * 1000);

    // The Graph API was asked with the token and the appsecret_proof of this province's app.
    const { requests } = await fake<{ requests: any[] }>("/__fake/requests?endpoint=graph.me");
    const asked = requests.filter((r) => r.headers.access_token && r.status === 200 && r.response?.id === "user-101");
    expect(asked.length).toBeGreaterThan(0);
    expect(asked.at(-1).headers.appsecret_proof).toMatch(/^[0-9a-f]{64}$/);

    const me = await asCitizen(body.sessionToken, "/v1/me");
    expect(me.status).toBe(200);
    expect(await json(me)).toMatchObject({ provinceId: PROVINCE, followedDossiers: 0, staff: null, consents: { miniapp: null, zns: null } });
  });

  it("the same Zalo user gets the same citizen every time; another user gets another", async () => {
    const a1 = await signIn(PROVINCE, APP, "user-102");
    const a2 = await signIn(PROVINCE, APP, "user-102");
    const b = await signIn(PROVINCE, APP, "user-103");
    const citizenOf = (token: string) => JSON.parse(atob(token.split(".")[1]!.replace(/-/g, "+").replace(/_/g, "/"))).c;
    expect(citizenOf(a1)).toBe(citizenOf(a2));
    expect(citizenOf(b)).not.toBe(citizenOf(a1));
  });

  it("refuses a forged token, and issues no session", async () => {
    const res = await postSession({ provinceId: PROVINCE, accessToken: "forged-token-that-zalo-never-issued" });
    expect(res.status).toBe(401);
    const body = await json(res);
    expect(body.error.code).toBe("zalo_token_rejected");
    expect(body.error.message).toMatch(/Không xác thực được tài khoản Zalo/);
    expect(body.sessionToken).toBeUndefined();
  });

  it("refuses an expired Zalo token", async () => {
    const res = await postSession({ provinceId: PROVINCE, accessToken: await zaloToken(APP, "user-104", -60) });
    expect(res.status).toBe(401);
    expect((await json(res)).error.detail).toMatch(/expired/i);
  });

  it("refuses a token issued to another Zalo app (the appsecret_proof does not match)", async () => {
    const res = await postSession({ provinceId: PROVINCE, accessToken: await zaloToken("1100000002", "user-105") });
    expect(res.status).toBe(401);
    expect((await json(res)).error.detail).toMatch(/appsecret_proof/i);
  });

  it("says clearly when the Graph API is down, and issues no session", async () => {
    const token = await zaloToken(APP, "user-106");
    await fake("/__fake/mode", { method: "PUT", body: { endpoint: "graph", mode: "503", times: 1 } });
    const down = await postSession({ provinceId: PROVINCE, accessToken: token });
    expect(down.status).toBe(503);
    expect((await json(down)).error).toMatchObject({ code: "zalo_unavailable", message: expect.stringMatching(/Zalo đang không phản hồi/) });

    // A dropped connection is asked once more (a stale keep-alive connection fails that way): dropped twice is down.
    await fake("/__fake/mode", { method: "PUT", body: { endpoint: "graph", mode: "drop", times: 2 } });
    const dropped = await postSession({ provinceId: PROVINCE, accessToken: token });
    expect(dropped.status).toBe(503);

    // Zalo back: the same token now works.
    expect((await postSession({ provinceId: PROVINCE, accessToken: token })).status).toBe(201);
  });

  it("stops an address whose tokens Zalo keeps rejecting before it reaches Zalo, without locking out the others behind it", async () => {
    const rule = THROTTLES.rejectedZaloTokenPerClient;
    const from = (ip: string, accessToken: string) =>
      call("/v1/session", {
        method: "POST",
        ip,
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ provinceId: PROVINCE, accessToken }),
      });
    const graphCalls = async () => (await fake<{ requests: unknown[] }>("/__fake/requests?endpoint=graph.me")).requests.length;

    // Zalo being down is not the client's doing: these 503s do not count.
    await fake("/__fake/mode", { method: "PUT", body: { endpoint: "graph", mode: "503", times: 3 } });
    for (let i = 0; i < 3; i++) expect((await from("203.0.113.7", await zaloToken(APP, "user-110"))).status).toBe(503);

    // One carrier-grade NAT address: someone behind it sends 30 bad tokens; a neighbour's real token still signs in.
    for (let i = 0; i < 30; i++) expect((await from("203.0.113.7", `made-up-token-${i}`)).status).toBe(401);
    expect((await from("203.0.113.7", await zaloToken(APP, "user-110"))).status).toBe(201);

    // The address's limit is far higher, and reached it stops everyone there without asking Zalo.
    for (let i = 30; i < rule.limit; i++) expect((await from("203.0.113.7", `made-up-token-${i}`)).status).toBe(401);
    const before = await graphCalls();
    const stopped = await from("203.0.113.7", await zaloToken(APP, "user-110"));
    expect(stopped.status).toBe(429);
    expect(Number(stopped.headers.get("retry-after"))).toBeGreaterThan(0);
    const error = (await json(stopped)).error;
    expect(error.code).toBe("too_many_sign_ins");
    expect(error.message).toMatch(/Vui lòng thử lại sau 10 phút/);
    expect(error.detail).toMatch(new RegExp(`${rule.limit} Zalo access tokens`));
    expect(await graphCalls()).toBe(before);

    // Another address is unaffected.
    expect((await from("198.51.100.20", await zaloToken(APP, "user-111"))).status).toBe(201);
  });

  it("asks Zalo about one rejected token a few times only", async () => {
    const rule = THROTTLES.rejectedZaloTokenPerToken;
    const graphCalls = async () => (await fake<{ requests: unknown[] }>("/__fake/requests?endpoint=graph.me")).requests.length;
    const again = (ip: string) =>
      call("/v1/session", {
        method: "POST",
        ip,
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ provinceId: PROVINCE, accessToken: "the-same-made-up-token" }),
      });
    for (let i = 0; i < rule.limit; i++) expect((await again(`198.51.100.${30 + i}`)).status).toBe(401);
    const before = await graphCalls();
    const refused = await again("198.51.100.99");
    expect(refused.status).toBe(429);
    expect(await graphCalls()).toBe(before);
  });

  it("refuses a token with control characters, spaces or too many characters as bad input (400), counted, never sent to Zalo", async () => {
    const graphCalls = async () => (await fake<{ requests: unknown[] }>("/__fake/requests?endpoint=graph.me")).requests.length;
    const ip = "198.51.100.77";
    const before = await graphCalls();
    const bad = [
      "abc\u0000defghij",
      "abcdefgh\r\nX-Injected: 1",
      "abcdefgh\nij",
      "abc\tdefghij",
      "abc\u007fdefghij",
      "abc defghij",
      "ạbcdefghij",
      "a".repeat(2049),
    ];
    for (const accessToken of bad) {
      const res = await call("/v1/session", {
        method: "POST",
        ip,
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ provinceId: PROVINCE, accessToken }),
      });
      expect(res.status, JSON.stringify(accessToken)).toBe(400);
      const { error } = await json(res);
      expect(error).toMatchObject({ code: "invalid_request", field: "accessToken", message: "Mã truy cập Zalo không hợp lệ." });
      expect(JSON.stringify(error)).not.toMatch(/TypeError|header/i);
    }
    expect(await graphCalls()).toBe(before);
    const { env } = await import("cloudflare:workers");
    const counter = await env.DB.prepare("SELECT count FROM throttles WHERE key = ?").bind(`zalo-token:ip:${ip}`).first<{ count: number }>();
    expect(counter?.count).toBe(bad.length);
  });

  it("refuses the ZNS consent's tokens with control characters as bad input (400), counted for the signed-in citizen", async () => {
    const session = await signIn(PROVINCE, APP, "user-130");
    const wording = "Tôi đồng ý nhận tin nhắn ZNS về hồ sơ của tôi.";
    for (const body of [
      { wording, accessToken: "abcdefgh\r\nij", phoneToken: "phone-token" },
      { wording, accessToken: "abcdefgh\u0000ij", phoneToken: "phone-token" },
      { wording, accessToken: await zaloToken(APP, "user-130"), phoneToken: "phone\ntoken" },
    ]) {
      const res = await asCitizen(session, "/v1/me/consents/zns", "PUT", body);
      expect(res.status).toBe(400);
      const { error } = await json(res);
      expect(error.code).toBe("invalid_request");
      expect(error.message).toMatch(/không hợp lệ/);
      expect(JSON.stringify(error)).not.toMatch(/TypeError|Invalid header/i);
    }
    const { env } = await import("cloudflare:workers");
    const me = await env.DB.prepare("SELECT id FROM citizens WHERE zalo_user_id = 'user-130'").first<{ id: number }>();
    const counter = await env.DB.prepare("SELECT count FROM throttles WHERE key = ?").bind(`zalo-token:citizen:${me!.id}`).first<{ count: number }>();
    expect(counter?.count).toBe(2);
  });

  it("needs a province with a Zalo app, and a well-formed body", async () => {
    await createProvince("session-b", "000.00.12.H12");
    const noApp = await postSession({ provinceId: "session-b", accessToken: await zaloToken(APP, "user-107") });
    expect(noApp.status).toBe(404);
    expect((await json(noApp)).error.code).toBe("zalo_app_not_configured");
    for (const body of [{}, { provinceId: PROVINCE }, { provinceId: PROVINCE, accessToken: 42 }, { provinceId: "Bad Id", accessToken: "x".repeat(20) }]) {
      const res = await postSession(body);
      expect(res.status).toBe(400);
      expect((await json(res)).error.message).toMatch(/[ạảãàáâấầẩẫậăắằẳẵặđ]/);
    }
  });
});

describe("the session", () => {
  it("is required on every account route, and a forged or expired one is refused", async () => {
    for (const path of ["/v1/me", "/v1/me/follows", "/v1/me/inbox", "/v1/staff/me"]) {
      const res = await call(path);
      expect(res.status).toBe(401);
      expect((await json(res)).error.code).toBe("unauthenticated");
    }
    const valid = await signIn(PROVINCE, APP, "user-108");
    const [, payload, mac] = valid.split(".");
    // Someone else's citizen id in the payload, with the old MAC.
    const other = btoa(JSON.stringify({ ...JSON.parse(atob(payload!.replace(/-/g, "+").replace(/_/g, "/"))), c: 1 }))
      .replace(/\+/g, "-")
      .replace(/\//g, "_")
      .replace(/=+$/, "");
    expect((await asCitizen(`s1.${other}.${mac}`, "/v1/me")).status).toBe(401);
    const signedWithAnotherSecret = await issueSession("another-server-secret-0123456789", 1, PROVINCE, Date.now());
    expect((await json(await asCitizen(signedWithAnotherSecret.token, "/v1/me"))).error.code).toBe("invalid_session");
    const expired = await issueSession("test-server-secret-0123456789abcdef", 1, PROVINCE, Date.now() - 3 * 60 * 60 * 1000);
    const res = await asCitizen(expired.token, "/v1/me");
    expect(res.status).toBe(401);
    expect((await json(res)).error.code).toBe("session_expired");
  });
});

/** The fake Zalo answers as Zalo does, and fails as told: the worker's tests lean on both. */
import { createHmac } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type FakeZalo, startFakeZalo } from "../../scripts/fake-zalo/server";

const APP = { appId: "100", appSecret: "app-secret", miniAppId: "200", miniAppApiKey: "api-key" };
let zalo: FakeZalo;

beforeAll(async () => {
  zalo = await startFakeZalo({ apps: [APP], oaAccessTokens: ["oa-token"], timeoutHoldMs: 300 });
});
afterAll(async () => {
  await zalo.stop();
});

const proof = (token: string, secret = APP.appSecret) => createHmac("sha256", secret).update(token).digest("hex");
const me = (token: string, appsecretProof = proof(token)) =>
  fetch(`${zalo.url}/v2.0/me?fields=id,name`, { headers: { access_token: token, appsecret_proof: appsecretProof } }).then((r) => r.json());
const notify = (userId: string, apiKey = APP.miniAppApiKey) =>
  fetch(`${zalo.url}/notification/template`, {
    method: "POST",
    headers: { "content-type": "application/json", "X-Api-Key": `Bearer ${apiKey}`, "X-User-Id": userId, "X-MiniApp-Id": APP.miniAppId },
    body: JSON.stringify({ templateId: "t1", templateData: { title: "x" } }),
  });

describe("Graph API", () => {
  it("names the holder of a token it issued, checking the appsecret_proof", async () => {
    const token = zalo.state.issueToken({ appId: APP.appId, userId: "u1", name: "An" });
    expect(await me(token)).toEqual({ id: "u1", name: "An" });
    expect(await me(token, proof(token, "another-secret"))).toMatchObject({ error: -503 });
    expect(await me("never-issued")).toMatchObject({ error: -501 });
    expect(await me(zalo.state.issueToken({ appId: APP.appId, userId: "u2", ttlSeconds: -1 }))).toMatchObject({ error: -502 });
  });

  it("gives the phone number once for a phone token of the same user", async () => {
    const token = zalo.state.issueToken({ appId: APP.appId, userId: "u3" });
    const code = zalo.state.issuePhoneToken({ appId: APP.appId, userId: "u3", phone: "84912000000" });
    const ask = () => fetch(`${zalo.url}/v2.0/me/info`, { headers: { access_token: token, code, secret_key: APP.appSecret } }).then((r) => r.json());
    expect(await ask()).toEqual({ data: { number: "84912000000" }, error: 0, message: "Success" });
    expect(await ask()).toMatchObject({ error: -504, message: "Code has already been used" });
  });
});

describe("messages and failure modes", () => {
  it("refuses, as Zalo does, a user's second notification of the day and any past the app's daily cap", async () => {
    const limits = (body: unknown) =>
      fetch(`${zalo.url}/__fake/limits`, { method: "PUT", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
    expect((await limits({ miniAppId: APP.miniAppId, perUserDaily: -1 })).status).toBe(400);
    expect((await limits({ miniAppId: APP.miniAppId, perUserDaily: 1, dailyCap: 2 })).status).toBe(200);
    expect(await (await notify("lim-1")).json()).toMatchObject({ error: 0 });
    expect(await (await notify("lim-1")).json()).toMatchObject({ error: -1401 });
    expect(await (await notify("lim-2")).json()).toMatchObject({ error: 0 });
    expect(await (await notify("lim-3")).json()).toMatchObject({ error: -1402 });
    expect(zalo.state.messages.filter((m) => m.userId?.startsWith("lim-"))).toHaveLength(2);
    expect((await limits({ miniAppId: APP.miniAppId, perUserDaily: null, dailyCap: null })).status).toBe(200);
    expect(await (await notify("lim-3")).json()).toMatchObject({ error: 0 });
  });

  it("records accepted notifications and refuses a wrong API key", async () => {
    expect(await (await notify("u10")).json()).toMatchObject({ error: 0 });
    expect((await notify("u10", "wrong")).status).toBe(401);
    expect(zalo.state.messages.filter((m) => m.userId === "u10")).toHaveLength(1);
  });

  it("fails the next N calls of the named users only, each way Zalo fails", async () => {
    zalo.state.setMode({ endpoint: "miniapp", mode: "429", times: 1, userIds: ["u20"] });
    const limited = await notify("u20");
    expect(limited.status).toBe(429);
    expect(limited.headers.get("retry-after")).toBe("1");
    expect((await notify("u21")).status).toBe(200);
    expect((await notify("u20")).status).toBe(200);

    zalo.state.setMode({ endpoint: "miniapp", mode: "not_followed", times: 1, userIds: ["u22"] });
    expect(await (await notify("u22")).json()).toMatchObject({ error: -230 });
    zalo.state.setMode({ endpoint: "miniapp", mode: "drop", times: 1, userIds: ["u23"] });
    await expect(notify("u23")).rejects.toThrow();
    zalo.state.setMode({ endpoint: "miniapp", mode: "timeout", times: 1, userIds: ["u24"] });
    const started = Date.now();
    await expect(notify("u24")).rejects.toThrow();
    expect(Date.now() - started).toBeGreaterThanOrEqual(250);
    expect(zalo.state.messages.filter((m) => ["u22", "u23", "u24"].includes(m.userId ?? ""))).toEqual([]);
    expect(zalo.state.requests.filter((r) => r.headers["x-user-id"] === "u24").map((r) => r.outcome)).toEqual(["timeout"]);
  });

  it("refuses bad rules and bad JSON with a 400, never crashing", async () => {
    const bad = await fetch(`${zalo.url}/__fake/mode`, {
      method: "PUT",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ endpoint: "sms", mode: "429" }),
    });
    expect(bad.status).toBe(400);
    const garbage = await fetch(`${zalo.url}/notification/template`, { method: "POST", body: "{not json" });
    expect(garbage.status).toBe(400);
    expect((await fetch(`${zalo.url}/__fake/health`)).status).toBe(200);
  });
});

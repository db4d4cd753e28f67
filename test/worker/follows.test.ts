import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { slipToken } from "../../worker/src/security/tokens";
import { call, createProvince, intake, json, sendEvents, vnTime, type Client } from "./helpers";
import { asCitizen, connectZalo, CONSENT_WORDING, consent, fake, follow, signIn, zaloToken } from "./zalo-helpers";

const PROVINCE = "follow-a";
const AGENCY = "000.00.21.H21";
const APP = "2100000001";
const SECRET = "test-server-secret-0123456789abcdef";
let client: Client;
let alice: string;
let bob: string;
let dossierA: string;

beforeAll(async () => {
  client = await createProvince(PROVINCE, AGENCY);
  await connectZalo(PROVINCE, APP);
  const received = intake(AGENCY);
  dossierA = received.dossierCode;
  await sendEvents(client, [received]);
  alice = await signIn(PROVINCE, APP, "alice-21");
  bob = await signIn(PROVINCE, APP, "bob-21");
});

const citizenIdOf = (session: string) => JSON.parse(atob(session.split(".")[1]!.replace(/-/g, "+").replace(/_/g, "/"))).c as number;

describe("following a dossier", () => {
  it("needs proof of ownership: no token or a wrong one is refused", async () => {
    const missing = await asCitizen(alice, "/v1/me/follows", "POST", { code: dossierA });
    expect(missing.status).toBe(400);
    expect((await json(missing)).error.message).toMatch(/quét mã QR/);
    const wrong = await asCitizen(alice, "/v1/me/follows", "POST", { code: dossierA, t: await slipToken(SECRET, `${AGENCY}-261120-9999`) });
    expect(wrong.status).toBe(403);
    expect((await json(wrong)).error.message).toMatch(/Chỉ chủ hồ sơ/);
    expect(await json(await asCitizen(alice, "/v1/me/follows"))).toEqual({ dossiers: [] });
  });

  it("with the slip token: followed, listed in Hồ sơ của tôi with its live status, and the owner view opens", async () => {
    const res = await asCitizen(alice, "/v1/me/follows", "POST", { code: ` ${dossierA.toLowerCase()} `, t: await slipToken(SECRET, dossierA) });
    expect(res.status).toBe(201);
    expect(await json(res)).toMatchObject({ code: dossierA, status: { code: 2 }, procedure: { code: "1.000894", name: "Đăng ký kết hôn" } });
    // Following again is harmless.
    expect((await asCitizen(alice, "/v1/me/follows", "POST", { code: dossierA, t: await slipToken(SECRET, dossierA) })).status).toBe(200);

    await sendEvents(client, [{ id: `${dossierA}-processing`, type: "dossier.status_changed", occurredAt: vnTime(-60), dossierCode: dossierA, status: 4 }]);
    const list = await json(await asCitizen(alice, "/v1/me/follows"));
    expect(list.dossiers).toHaveLength(1);
    expect(list.dossiers[0]).toMatchObject({ code: dossierA, status: { code: 4, label: "Đang xử lý" } });

    const owner = await asCitizen(alice, `/v1/me/dossiers/${dossierA}`);
    expect(owner.status).toBe(200);
    expect(await json(owner)).toMatchObject({ view: "owner", applicant: { name: "Trần Văn An" }, officer: { name: "Nguyễn Thị Lan" } });
    expect(await json(await asCitizen(alice, "/v1/me"))).toMatchObject({ followedDossiers: 1 });
  });

  it("with a view token from the last-4 unlock", async () => {
    const received = intake(AGENCY);
    await sendEvents(client, [received]);
    const unlocked = await json(
      await call(`/v1/dossiers/${received.dossierCode}/unlock`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ idNumberLast4: "1234" }),
      }),
    );
    const res = await asCitizen(alice, "/v1/me/follows", "POST", { code: received.dossierCode, t: unlocked.viewToken });
    expect(res.status).toBe(201);
    const [row] = (await env.DB.prepare("SELECT proof FROM follows WHERE dossier_code = ?").bind(received.dossierCode).all()).results;
    expect(row).toEqual({ proof: "view" });
  });

  it("citizen B never sees or follows A's dossier, whatever ids B sends", async () => {
    expect(await json(await asCitizen(bob, "/v1/me/follows"))).toEqual({ dossiers: [] });
    const peek = await asCitizen(bob, `/v1/me/dossiers/${dossierA}`);
    expect(peek.status).toBe(404);
    expect(JSON.stringify(await json(peek))).not.toContain("Trần Văn An");

    // B claims to be A in every way a client could: body, query and headers. None of it counts.
    const aliceId = citizenIdOf(alice);
    const spoofed = await call(`/v1/me/follows?citizenId=${aliceId}`, {
      method: "POST",
      headers: { authorization: `Bearer ${bob}`, "content-type": "application/json", "x-user-id": "alice-21", "x-zalo-user-id": "alice-21" },
      body: JSON.stringify({ code: dossierA, t: "not-a-real-token", citizenId: aliceId, zaloUserId: "alice-21" }),
    });
    expect(spoofed.status).toBe(403);
    const spoofedRead = await call(`/v1/me/dossiers/${dossierA}?citizenId=${aliceId}`, {
      headers: { authorization: `Bearer ${bob}`, "x-user-id": "alice-21" },
    });
    expect(spoofedRead.status).toBe(404);
    const spoofedList = await call(`/v1/me/follows?citizenId=${aliceId}`, { headers: { authorization: `Bearer ${bob}`, "x-user-id": "alice-21" } });
    expect(await json(spoofedList)).toEqual({ dossiers: [] });
    // And unfollowing A's dossier as B does nothing to A.
    expect((await asCitizen(bob, `/v1/me/follows/${dossierA}`, "DELETE")).status).toBe(404);
    expect((await json(await asCitizen(alice, "/v1/me/follows"))).dossiers.map((d: { code: string }) => d.code)).toContain(dossierA);
  });

  it("a dossier of another province cannot be followed from this province's app", async () => {
    const other = await createProvince("follow-b", "000.00.22.H22");
    const received = intake("000.00.22.H22");
    await sendEvents(other, [received]);
    const res = await asCitizen(alice, "/v1/me/follows", "POST", { code: received.dossierCode, t: await slipToken(SECRET, received.dossierCode) });
    expect(res.status).toBe(403);
    expect((await json(res)).error.code).toBe("other_province");
  });

  it("unfollowing removes it from the list and closes the owner view", async () => {
    const received = intake(AGENCY);
    await sendEvents(client, [received]);
    await follow(bob, received.dossierCode, await slipToken(SECRET, received.dossierCode));
    expect((await asCitizen(bob, `/v1/me/follows/${received.dossierCode}`, "DELETE")).status).toBe(204);
    expect((await asCitizen(bob, `/v1/me/dossiers/${received.dossierCode}`)).status).toBe(404);
    expect((await asCitizen(bob, `/v1/me/follows/${received.dossierCode}`, "DELETE")).status).toBe(404);
  });
});

describe("consent", () => {
  it("is recorded with its time, purpose and wording, and withdrawn at once; the history is kept", async () => {
    const carol = await signIn(PROVINCE, APP, "carol-21");
    const before = Date.now();
    await consent(carol, "miniapp");
    const me = await json(await asCitizen(carol, "/v1/me"));
    expect(me.consents.miniapp).toMatchObject({ channel: "miniapp", purpose: "dossier_updates", wording: CONSENT_WORDING });
    expect(Date.parse(me.consents.miniapp.grantedAt)).toBeGreaterThanOrEqual(before - 1000);

    expect((await asCitizen(carol, "/v1/me/consents/miniapp", "DELETE")).status).toBe(204);
    expect((await json(await asCitizen(carol, "/v1/me"))).consents.miniapp).toBeNull();
    const rows = (await env.DB.prepare("SELECT withdrawn_at FROM consents WHERE citizen_id = ?").bind(citizenIdOf(carol)).all()).results;
    expect(rows).toHaveLength(1);
    expect(rows[0]!.withdrawn_at).toBeTruthy();
  });

  it("for ZNS needs the phone through Zalo's one-time token; the number is kept encrypted and deleted on withdrawal", async () => {
    const dan = await signIn(PROVINCE, APP, "dan-21");
    const noPhone = await asCitizen(dan, "/v1/me/consents/zns", "PUT", { wording: CONSENT_WORDING });
    expect(noPhone.status).toBe(400);
    expect((await json(noPhone)).error.code).toBe("phone_required");

    const accessToken = await zaloToken(APP, "dan-21");
    const bad = await asCitizen(dan, "/v1/me/consents/zns", "PUT", { wording: CONSENT_WORDING, accessToken, phoneToken: "made-up-phone-token" });
    expect(bad.status).toBe(422);
    expect((await json(await asCitizen(dan, "/v1/me"))).phoneShared).toBe(false);

    const { token } = await fake<{ token: string }>("/__dev/phone-tokens", { body: { appId: APP, userId: "dan-21", phone: "84912000021" } });
    const ok = await asCitizen(dan, "/v1/me/consents/zns", "PUT", { wording: CONSENT_WORDING, accessToken, phoneToken: token });
    expect(ok.status).toBe(200);
    expect(await json(await asCitizen(dan, "/v1/me"))).toMatchObject({ phoneShared: true, consents: { zns: { channel: "zns" } } });
    const [stored] = (await env.DB.prepare("SELECT phone_ciphertext FROM citizens WHERE id = ?").bind(citizenIdOf(dan)).all()).results;
    expect(String(stored!.phone_ciphertext)).not.toContain("912000021");

    expect((await asCitizen(dan, "/v1/me/consents/zns", "DELETE")).status).toBe(204);
    const [after] = (await env.DB.prepare("SELECT phone_ciphertext FROM citizens WHERE id = ?").bind(citizenIdOf(dan)).all()).results;
    expect(after!.phone_ciphertext).toBeNull();
    expect((await json(await asCitizen(dan, "/v1/me"))).phoneShared).toBe(false);
  });

  it("bad input gets a Vietnamese 4xx, never a 500", async () => {
    const cases: [string, string, unknown][] = [
      ["/v1/me/consents/sms", "PUT", { wording: CONSENT_WORDING }],
      ["/v1/me/consents/miniapp", "PUT", { wording: "ok" }],
      ["/v1/me/consents/miniapp", "PUT", { wording: CONSENT_WORDING, purpose: "marketing" }],
      ["/v1/me/follows", "POST", { code: "???", t: "x".repeat(16) }],
      ["/v1/me/follows", "POST", { code: dossierA, t: 12 }],
      ["/v1/me/inbox/read", "POST", { upToId: "all" }],
      ["/v1/me/inbox?before=-3", "GET", undefined],
    ];
    for (const [path, method, body] of cases) {
      const res = await asCitizen(alice, path, method, body);
      expect(res.status, `${method} ${path}`).toBeGreaterThanOrEqual(400);
      expect(res.status, `${method} ${path}`).toBeLessThan(500);
      expect((await json(res)).error.message).toMatch(/[ạảãàáâấầẩẫậăắằẳẵặđéèẻẽẹêếềểễệíìỉĩịóòỏõọôốồổỗộơớờởỡợúùủũụưứừửữựýỳỷỹỵ]/i);
    }
    const malformed = await call("/v1/me/follows", {
      method: "POST",
      headers: { authorization: `Bearer ${alice}`, "content-type": "application/json" },
      body: "{not json",
    });
    expect(malformed.status).toBe(400);
    expect((await json(malformed)).error.message).toMatch(/JSON/);
  });
});

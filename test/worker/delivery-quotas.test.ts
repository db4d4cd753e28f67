import { createScheduledController } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { drizzle } from "drizzle-orm/d1";
import { beforeAll, describe, expect, it } from "vitest";
import * as schema from "../../worker/src/db/schema";
import worker from "../../worker/src/index";
import { type Broadcast, broadcastOutboxId, broadcastStatements } from "../../worker/src/services/broadcast-outbox";
import { claimQuota, claimUserSlots } from "../../worker/src/services/delivery-quota";
import { dispatchOutbox, SWEEP_CRON } from "../../worker/src/services/notify";
import { slipToken } from "../../worker/src/security/tokens";
import { type Client, createProvince, integration, intake, json, sendEvents, utc, vnDayAt, waitFor } from "./helpers";
import { connectZalo, consent, fake, follow, setDeliveryLimits, signIn, TESTING_LIMITS, vnTime, zaloToken } from "./zalo-helpers";

/**
 * Zalo's quotas with the real queue, the real D1 and the fake Zalo: each person's one Mini App message a day, the
 * app's daily cap, the window, activity and consent, digests, and the broadcast counters. Two provinces, so the
 * app-cap test starts from a fresh day's count.
 */
const SECRET = "test-server-secret-0123456789abcdef";
const P = { province: "quota-a", agency: "000.00.35.H35", app: "3500000001" };
const Q = { province: "quota-b", agency: "000.00.36.H36", app: "3600000001" };
let clientP: Client;
let clientQ: Client;
const db = drizzle(env.DB, { schema });

beforeAll(async () => {
  clientP = await createProvince(P.province, P.agency);
  await connectZalo(P.province, P.app);
  clientQ = await createProvince(Q.province, Q.agency);
  const { miniAppId } = await connectZalo(Q.province, Q.app);
  // Zalo itself refuses a second notification to a user in a day, and any past the app's cap: the 1 + 10 this file's
  // tests of Q plan for. Any such refusal would fail a delivery, so the tests below prove the planner never asks.
  await fake("/__fake/limits", { method: "PUT", body: { miniAppId, perUserDaily: 1, dailyCap: 11 } });
});

type Row = { id: number; status: string; channel: string; reason: string | null; next_attempt_at: string; kind: string; user: string };
async function deliveriesTo(user: string): Promise<Row[]> {
  const { results } = await env.DB.prepare(
    `SELECT d.id, d.status, d.channel, d.reason, d.next_attempt_at, o.kind, c.zalo_user_id AS user FROM deliveries d
     JOIN outbox o ON o.id = d.outbox_id JOIN citizens c ON c.id = d.citizen_id WHERE c.zalo_user_id = ? ORDER BY d.id`,
  )
    .bind(user)
    .all<Row>();
  return results;
}
const DONE = ["sent", "in_app", "folded", "deferred", "failed_permanent"];
const done = (rows: Row[], n: number) => rows.length === n && rows.every((r) => DONE.includes(r.status)) && rows;

type FakeMessage = { channel: string; phone?: string; templateId: string; templateData: Record<string, string> };
const messagesTo = async (user: string) => (await fake<{ messages: FakeMessage[] }>(`/__fake/messages?userId=${user}`)).messages;
const znsTo = async (phone: string) => (await fake<{ messages: FakeMessage[] }>("/__fake/messages")).messages.filter((m) => m.phone === phone);

async function citizenId(user: string): Promise<number> {
  return (await env.DB.prepare("SELECT id FROM citizens WHERE zalo_user_id = ?").bind(user).first<{ id: number }>())!.id;
}

/** A signed-in citizen with Mini App consent (and ZNS with a phone, if given), who chose `commune`. */
async function resident(p: typeof P, user: string, commune: string | null, opts: { phone?: string; miniapp?: boolean } = {}) {
  const session = await signIn(p.province, p.app, user);
  if (opts.miniapp !== false) await consent(session, "miniapp");
  if (opts.phone) {
    const { token } = await fake<{ token: string }>("/__dev/phone-tokens", { body: { appId: p.app, userId: user, phone: opts.phone } });
    await consent(session, "zns", { accessToken: await zaloToken(p.app, user), phoneToken: token });
  }
  const id = await citizenId(user);
  if (commune) {
    await env.DB.prepare("INSERT INTO citizen_communes (citizen_id, province_id, commune_code, purpose, created_at) VALUES (?, ?, ?, 'home', ?)")
      .bind(id, p.province, commune, new Date(Date.now() - 60_000).toISOString())
      .run();
  }
  return { session, id };
}

/** A fresh dossier `user` follows. */
async function dossierOf(client: Client, p: typeof P, session: string) {
  const received = intake(p.agency, { occurredAt: vnTime(-60), receivedAt: vnTime(-60), dueAt: vnTime(5 * 24 * 60) });
  await sendEvents(client, [received]);
  await follow(session, received.dossierCode, await slipToken(SECRET, received.dossierCode));
  return received.dossierCode;
}
const supplement = (code: string, id: string) => ({
  id,
  type: "dossier.supplement_requested",
  occurredAt: vnTime(-5),
  dossierCode: code,
  documents: ["Bản sao Giấy khai sinh"],
  deadline: vnDayAt(7, "16:30"),
});

/** Sends a broadcast as the alert and news routes do: broadcastStatements in one batch, then the dispatch. */
async function broadcast(b: Omit<Broadcast, "createdAt">) {
  const full = { ...b, createdAt: new Date().toISOString() };
  await db.batch(broadcastStatements(db, full));
  const outboxId = (await broadcastOutboxId(db, full))!;
  await dispatchOutbox(env, [outboxId], { urgent: b.kind !== "news" });
}
const counters = (p: typeof P, subject: string) =>
  env.DB.prepare("SELECT targeted, sent_by_zalo, in_app_only, deferred, failed FROM broadcasts WHERE province_id = ? AND subject = ?")
    .bind(p.province, subject)
    .first<{ targeted: number; sent_by_zalo: number; in_app_only: number; deferred: number; failed: number }>();

const sweepAt = (ms: number) => worker.scheduled(createScheduledController({ cron: SWEEP_CRON, scheduledTime: ms }), env);

describe("one Mini App message per person per day", () => {
  it("a dossier message then news: the news waits for tomorrow (user_daily_limit) and the sweeper sends it then", async () => {
    await setDeliveryLimits(P.province, { ...TESTING_LIMITS, miniappPerUserDaily: 1 });
    const user = "q-daily";
    const { session } = await resident(P, user, "15001");
    const code = await dossierOf(clientP, P, session);
    await sendEvents(clientP, [supplement(code, `${code}-s1`)]);
    await waitFor("the dossier message", async () => done(await deliveriesTo(user), 1));
    await broadcast({
      provinceId: P.province,
      kind: "news",
      subject: "news-daily",
      params: { code: "news-daily", newsId: "news-daily", title: "Lịch tiếp dân tháng này", summary: "Tóm tắt" },
      audience: { subscribers: true },
    });
    const [, news] = await waitFor("the news delivery", async () => done(await deliveriesTo(user), 2));
    expect(news).toMatchObject({ kind: "news", status: "deferred", reason: "user_daily_limit" });
    // Tomorrow's window start (the test province's window is the whole day).
    expect(news!.next_attempt_at).toBe(utc(vnDayAt(1, "00:00")));
    expect(await counters(P, "news-daily")).toMatchObject({ targeted: 1, deferred: 1, sent_by_zalo: 0 });
    expect(await messagesTo(user)).toHaveLength(1);

    await sweepAt(Date.parse(news!.next_attempt_at) + 60_000);
    await waitFor("the news sent the next day", async () => (await deliveriesTo(user))[1]?.status === "sent");
    const sent = await messagesTo(user);
    expect(sent.map((m) => m.templateId)).toEqual(["tpl-supplement_requested", "tpl-news"]);
    expect(await counters(P, "news-daily")).toMatchObject({ targeted: 1, deferred: 0, sent_by_zalo: 1 });
  });

  it("what waited folds into the next message as a digest line instead of each taking a day's slot", async () => {
    await setDeliveryLimits(P.province, { ...TESTING_LIMITS, miniappPerUserDaily: 1 });
    const user = "q-digest";
    const { session } = await resident(P, user, "15002");
    const code = await dossierOf(clientP, P, session);
    await sendEvents(clientP, [supplement(code, `${code}-d1`)]);
    await waitFor("the first message", async () => done(await deliveriesTo(user), 1));
    await broadcast({
      provinceId: P.province,
      kind: "news",
      subject: "news-digest",
      params: { code: "news-digest", newsId: "news-digest", title: "Tin tiêm chủng", summary: "…" },
      audience: { communes: ["15002"] },
    });
    await waitFor("the news deferred", async () => done(await deliveriesTo(user), 2));
    await sendEvents(clientP, [{ id: `${code}-r`, type: "dossier.result_ready", occurredAt: vnTime(-1), dossierCode: code }]);
    const rows = await waitFor("three deferred or sent", async () => done(await deliveriesTo(user), 3));
    expect(rows.map((r) => [r.kind, r.status, r.reason])).toEqual([
      ["supplement_requested", "sent", null],
      ["news", "deferred", "user_daily_limit"],
      ["result_ready", "deferred", "user_daily_limit"],
    ]);

    await sweepAt(Date.parse(rows[2]!.next_attempt_at) + 60_000);
    const after = await waitFor("tomorrow's one message", async () => {
      const r = await deliveriesTo(user);
      return r[2]?.status === "sent" && r[1]?.status === "folded" && r;
    });
    expect(after[1]!.reason).toBe(`digest:${after[2]!.id}`);
    const sent = await messagesTo(user);
    expect(sent).toHaveLength(2);
    expect(sent[1]).toMatchObject({ templateId: "tpl-result_ready" });
    expect(sent[1]!.templateData.digest).toBe("• Tin tiêm chủng");
    expect(await counters(P, "news-digest")).toMatchObject({ deferred: 0, sent_by_zalo: 1 });
  });

  it("a retry after Zalo's temporary failure keeps the slot its first attempt took: sent, not put off to tomorrow", async () => {
    await setDeliveryLimits(P.province, { ...TESTING_LIMITS, miniappPerUserDaily: 1 });
    const user = "q-retry";
    const { session } = await resident(P, user, null);
    const code = await dossierOf(clientP, P, session);
    await fake("/__fake/mode", { method: "PUT", body: { endpoint: "miniapp", mode: "503", times: 1, userIds: [user] } });
    await sendEvents(clientP, [supplement(code, `${code}-retry`)]);
    const [d] = await waitFor("the retried message", async () => (await deliveriesTo(user))[0]?.status === "sent" && deliveriesTo(user));
    expect(d).toMatchObject({ status: "sent", channel: "miniapp", reason: null });
    expect(await messagesTo(user)).toHaveLength(1);
    const { count } = (await env.DB.prepare("SELECT miniapp_count AS count FROM citizens WHERE zalo_user_id = ?").bind(user).first<{ count: number }>())!;
    expect(count).toBe(1);
  });
});

describe("an emergency alert when the app's daily cap is spent", () => {
  it("reaches only the targeted communes: by ZNS where they agreed and gave a phone, the rest in-app (app_daily_cap); counters add up", async () => {
    await setDeliveryLimits(Q.province, { ...TESTING_LIMITS, miniappDailyCap: 1 });
    // The day's one Mini App message goes to a dossier.
    const first = await resident(Q, "q-first", null);
    const code = await dossierOf(clientQ, Q, first.session);
    await sendEvents(clientQ, [supplement(code, `${code}-cap`)]);
    await waitFor("the cap's one message", async () => (await deliveriesTo("q-first"))[0]?.status === "sent");

    await resident(Q, "q-flood-zns1", "16001", { phone: "84912000351" });
    await resident(Q, "q-flood-zns2", "16002", { phone: "84912000352" });
    await resident(Q, "q-flood-app1", "16001");
    await resident(Q, "q-flood-app2", "16002");
    await resident(Q, "q-elsewhere", "16999", { phone: "84912000359" });
    await broadcast({
      provinceId: Q.province,
      kind: "alert",
      subject: "flood-1",
      params: { code: "flood-1", alertId: 1, headline: "Lũ quét trên sông Mã", instruction: "Di chuyển lên chỗ cao ngay", severity: "Extreme" },
      audience: { communes: ["16001", "16002"] },
    });
    for (const u of ["q-flood-zns1", "q-flood-zns2"]) {
      const [d] = await waitFor(`${u}'s alert`, async () => done(await deliveriesTo(u), 1));
      expect(d).toMatchObject({ kind: "alert", status: "sent", channel: "zns", reason: "app_daily_cap" });
    }
    for (const u of ["q-flood-app1", "q-flood-app2"]) {
      const [d] = await waitFor(`${u}'s alert`, async () => done(await deliveriesTo(u), 1));
      expect(d).toMatchObject({ kind: "alert", status: "in_app", reason: "app_daily_cap" });
      expect(await messagesTo(u)).toEqual([]);
    }
    expect(await znsTo("84912000351")).toHaveLength(1);
    expect((await znsTo("84912000351"))[0]!.templateData.title).toBe("Cảnh báo: Lũ quét trên sông Mã");
    expect(await deliveriesTo("q-elsewhere")).toEqual([]);
    expect(await znsTo("84912000359")).toEqual([]);
    const c = await counters(Q, "flood-1");
    expect(c).toEqual({ targeted: 4, sent_by_zalo: 2, in_app_only: 2, deferred: 0, failed: 0 });
    expect(c!.sent_by_zalo + c!.in_app_only + c!.deferred + c!.failed).toBe(c!.targeted);
    // The sender reads the same counts.
    expect(await json(await integration(clientQ, "GET", "/v1/integration/broadcasts/flood-1/deliveries"))).toEqual({
      targeted: 4,
      sentByZalo: 2,
      inAppOnly: 2,
      deferred: 0,
      failed: 0,
    });
  });

  it("with room under the cap, a citizen in a targeted commune gets it in the Mini App, one elsewhere nothing", async () => {
    await setDeliveryLimits(P.province, TESTING_LIMITS);
    await resident(P, "q-in", "15101");
    await resident(P, "q-out", "15102");
    await broadcast({
      provinceId: P.province,
      kind: "alert",
      subject: "storm-1",
      params: { code: "storm-1", alertId: 2, headline: "Bão số 3", severity: "Severe" },
      audience: { communes: ["15101"] },
    });
    await waitFor("the alert", async () => (await deliveriesTo("q-in"))[0]?.status === "sent");
    expect((await messagesTo("q-in"))[0]).toMatchObject({ channel: "miniapp", templateId: "tpl-alert" });
    expect(await messagesTo("q-out")).toEqual([]);
    expect(await deliveriesTo("q-out")).toEqual([]);
  });
});

describe("the window, activity and consent", () => {
  it("outside the window a dossier message waits (window) and goes at the window's start", async () => {
    const vnHour = new Date(Date.now() + 7 * 3600_000).getUTCHours();
    const start = (vnHour + 2) % 24;
    const hh = String(start).padStart(2, "0");
    await setDeliveryLimits(P.province, {
      ...TESTING_LIMITS,
      miniappWindowStart: `${hh}:00`,
      miniappWindowEnd: start === 23 ? "24:00" : `${String(start + 1).padStart(2, "0")}:00`,
    });
    const user = "q-window";
    const { session } = await resident(P, user, null);
    const code = await dossierOf(clientP, P, session);
    await sendEvents(clientP, [supplement(code, `${code}-w`)]);
    const [d] = await waitFor("the deferred message", async () => done(await deliveriesTo(user), 1));
    const opens = utc(vnDayAt(start > vnHour ? 0 : 1, `${hh}:00`));
    expect(d).toMatchObject({ status: "deferred", reason: "window", next_attempt_at: opens });
    expect(await messagesTo(user)).toEqual([]);
    await sweepAt(Date.parse(opens));
    await waitFor("sent at the window's start", async () => (await deliveriesTo(user))[0]?.status === "sent");
    expect(await messagesTo(user)).toHaveLength(1);
    await setDeliveryLimits(P.province, TESTING_LIMITS);
  });

  it("inactive for more than 7 days: ZNS if they agreed to it, else in-app (inactive); no consent: in-app (no_consent)", async () => {
    await setDeliveryLimits(P.province, TESTING_LIMITS);
    const old = new Date(Date.now() - 8 * 86_400_000).toISOString();
    const zns = await resident(P, "q-idle-zns", "15201", { phone: "84912000361" });
    const app = await resident(P, "q-idle-app", "15201");
    await resident(P, "q-no-consent", "15201", { miniapp: false });
    await env.DB.prepare("UPDATE citizens SET last_seen_at = ? WHERE id IN (?, ?)").bind(old, zns.id, app.id).run();
    await broadcast({
      provinceId: P.province,
      kind: "news",
      subject: "news-idle",
      params: { code: "news-idle", newsId: "news-idle", title: "Tin", summary: "…" },
      audience: { communes: ["15201"] },
    });
    const [a] = await waitFor("ZNS", async () => done(await deliveriesTo("q-idle-zns"), 1));
    expect(a).toMatchObject({ status: "sent", channel: "zns", reason: "inactive" });
    const [b] = await waitFor("in-app", async () => done(await deliveriesTo("q-idle-app"), 1));
    expect(b).toMatchObject({ status: "in_app", reason: "inactive" });
    const [c] = await waitFor("no consent", async () => done(await deliveriesTo("q-no-consent"), 1));
    expect(c).toMatchObject({ status: "in_app", reason: "no_consent" });
    expect(await messagesTo("q-idle-app")).toEqual([]);
    expect(await counters(P, "news-idle")).toMatchObject({ targeted: 3, sent_by_zalo: 1, in_app_only: 2 });
  });
});

describe("quota claims are atomic", () => {
  it("60 concurrent claims of 1–5 units never pass the cap, and together get exactly it", async () => {
    const day = "2000-01-01";
    const wants = Array.from({ length: 60 }, (_, i) => 1 + (i % 5));
    const granted = await Promise.all(wants.map((wanted) => claimQuota(db, { provinceId: Q.province, channel: "miniapp", day, wanted, cap: 37 })));
    expect(granted.reduce((a, b) => a + b, 0)).toBe(37);
    for (const [i, g] of granted.entries()) expect(g).toBeLessThanOrEqual(wants[i]!);
    const row = await env.DB.prepare("SELECT used FROM quota_usage WHERE province_id = ? AND channel = 'miniapp' AND day = ?")
      .bind(Q.province, day)
      .first<{ used: number }>();
    expect(row!.used).toBe(37);
  });

  it("20 concurrent claims of one person's daily slot: exactly one gets it", async () => {
    const { id } = await resident(Q, "q-race", null);
    const results = await Promise.all(Array.from({ length: 20 }, () => claimUserSlots(db, [id], "2000-01-02", 1)));
    expect(results.filter((r) => r.has(id))).toHaveLength(1);
  });

  it("news to 30 people at once under a cap of 20: exactly its half, 10 Mini App messages, the rest wait", async () => {
    await setDeliveryLimits(Q.province, { ...TESTING_LIMITS, miniappDailyCap: 20 });
    // Someone already used this day's count: start the cap from what is used now.
    const day = new Date(Date.now() + 7 * 3600_000).toISOString().slice(0, 10);
    await env.DB.prepare("DELETE FROM quota_usage WHERE province_id = ? AND day = ?").bind(Q.province, day).run();
    const users = Array.from({ length: 30 }, (_, i) => `q-many-${i}`);
    for (const u of users) await resident(Q, u, "16500");
    await broadcast({
      provinceId: Q.province,
      kind: "news",
      subject: "news-many",
      params: { code: "news-many", newsId: "news-many", title: "Tin", summary: "…" },
      audience: { communes: ["16500"] },
    });
    await waitFor("every delivery planned", async () => {
      const c = await counters(Q, "news-many");
      return c && c.sent_by_zalo + c.deferred === 30;
    });
    // News may use half of the cap.
    expect(await counters(Q, "news-many")).toMatchObject({ sent_by_zalo: 10, deferred: 20 });
    let messages = 0;
    for (const u of users) messages += (await messagesTo(u)).length;
    expect(messages).toBe(10);
  });
});

describe("the province's limits", () => {
  it("defaults until set; a partial change keeps the rest; bad values are 400 naming the field", async () => {
    const fresh = await createProvince("quota-c", "000.00.37.H37");
    expect(await json(await integration(fresh, "GET", "/v1/integration/delivery-settings"))).toEqual({
      miniappPerUserDaily: 1,
      miniappDailyCap: 1000,
      miniappWindowStart: "06:00",
      miniappWindowEnd: "22:00",
      miniappActiveDays: 7,
      znsDailyQuota: 500,
      oaPerFollowerMonthly: 4,
      oaPerFollowerDaily: 1,
    });
    const changed = await integration(fresh, "PUT", "/v1/integration/delivery-settings", { znsDailyQuota: 2000 });
    expect(changed.status).toBe(200);
    expect(await json(changed)).toMatchObject({ znsDailyQuota: 2000, miniappDailyCap: 1000, miniappWindowStart: "06:00" });
    expect(await json(await integration(fresh, "GET", "/v1/integration/delivery-settings"))).toMatchObject({ znsDailyQuota: 2000 });
    for (const [body, field] of [
      [{ miniappWindowStart: "23:00" }, "miniappWindowEnd"],
      [{ miniappWindowEnd: "25:00" }, "miniappWindowEnd"],
      [{ miniappDailyCap: -5 }, "miniappDailyCap"],
      [{ miniappPerUserDaily: 1.5 }, "miniappPerUserDaily"],
      [{ oaPerFollowerDaily: 9 }, "oaPerFollowerDaily"],
    ] as const) {
      const res = await integration(fresh, "PUT", "/v1/integration/delivery-settings", body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect((await json(res)).error.field).toBe(field);
    }
    expect((await integration(fresh, "PUT", "/v1/integration/delivery-settings", { surprise: 1 })).status).toBe(400);
    expect((await integration(fresh, "GET", "/v1/integration/broadcasts/nothing-here/deliveries")).status).toBe(404);
  });
});

import { createScheduledController } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import worker from "../../worker/src/index";
import { SWEEP_CRON } from "../../worker/src/services/notify";
import { slipToken } from "../../worker/src/security/tokens";
import { vnDisplayDate } from "../../worker/src/domain/time";
import { createProvince, intake, json, sendEvents, vnDayAt, waitFor, type Client } from "./helpers";
import { asCitizen, connectZalo, consent, fake, follow, signIn, vnTime, zaloToken } from "./zalo-helpers";

/**
 * The whole pipeline with the real queue (Miniflare's, consuming into this file's D1) and the fake Zalo over HTTP.
 * Failure modes are scoped to one Zalo user each, so tests running elsewhere are not affected.
 */
const PROVINCE = "notify-a";
const AGENCY = "000.00.31.H31";
const APP = "3100000001";
const SECRET = "test-server-secret-0123456789abcdef";
let client: Client;
let miniAppId: string;

beforeAll(async () => {
  client = await createProvince(PROVINCE, AGENCY);
  miniAppId = (await connectZalo(PROVINCE, APP)).miniAppId;
});

type DeliveryRow = {
  id: number;
  status: string;
  channel: string;
  attempts: number;
  last_error: string | null;
  reason: string | null;
  dead_lettered_at: string | null;
  kind: string;
  citizen_id: number;
};
async function deliveriesOf(code: string): Promise<DeliveryRow[]> {
  const { results } = await env.DB.prepare(
    "SELECT d.id, d.status, d.channel, d.attempts, d.last_error, d.reason, d.dead_lettered_at, d.citizen_id, o.kind FROM deliveries d JOIN outbox o ON o.id = d.outbox_id WHERE o.dossier_code = ? ORDER BY d.id",
  )
    .bind(code)
    .all<DeliveryRow>();
  return results;
}
const settled = (rows: DeliveryRow[]) => rows.length > 0 && rows.every((r) => ["sent", "failed_permanent", "in_app"].includes(r.status));

type FakeMessage = { channel: string; userId?: string; phone?: string; templateId: string; templateData: Record<string, string>; miniAppId?: string };
async function messagesTo(userId: string): Promise<FakeMessage[]> {
  return (await fake<{ messages: FakeMessage[] }>(`/__fake/messages?userId=${encodeURIComponent(userId)}`)).messages;
}

/** A citizen who signed in, agreed to Mini App notifications and follows a fresh dossier. */
async function follower(userId: string) {
  const session = await signIn(PROVINCE, APP, userId);
  await consent(session, "miniapp");
  const received = intake(AGENCY, { occurredAt: vnTime(-60), receivedAt: vnTime(-60), dueAt: vnTime(5 * 24 * 60) });
  await sendEvents(client, [received]);
  await follow(session, received.dossierCode, await slipToken(SECRET, received.dossierCode));
  return { session, code: received.dossierCode };
}

const supplement = (code: string, id: string) => ({
  id,
  type: "dossier.supplement_requested",
  occurredAt: vnTime(-5),
  dossierCode: code,
  documents: ["Bản sao Giấy khai sinh", "Giấy xác nhận tình trạng hôn nhân"],
  deadline: vnDayAt(7, "16:30"),
  note: "Bản sao cần chứng thực",
});

const mode = (rule: Record<string, unknown>) => fake("/__fake/mode", { method: "PUT", body: rule });

describe("a dossier event reaches its follower", () => {
  it("supplement requested: one Zalo notification with the documents, the deadline and a button to the dossier; the inbox shows it", async () => {
    const { session, code } = await follower("u-supp");
    const event = supplement(code, `${code}-supp`);
    expect((await sendEvents(client, [event])).results[0]!.outcome).toBe("applied");

    const [delivery] = await waitFor("the delivery", async () => settled(await deliveriesOf(code)) && deliveriesOf(code));
    expect(delivery).toMatchObject({ kind: "supplement_requested", status: "sent", channel: "miniapp", attempts: 1 });
    const sent = await messagesTo("u-supp");
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({ channel: "miniapp", templateId: "tpl-supplement_requested", miniAppId });
    expect(sent[0]!.templateData).toMatchObject({
      title: "Hồ sơ cần bổ sung giấy tờ",
      code,
      path: `/dossier?code=${encodeURIComponent(code)}`,
      buttonText: "Xem hồ sơ",
    });
    expect(sent[0]!.templateData.content).toContain("Bản sao Giấy khai sinh; Giấy xác nhận tình trạng hôn nhân");
    expect(sent[0]!.templateData.content).toContain(`Hạn nộp bổ sung: ${vnDisplayDate(vnDayAt(7, "16:30"))}`);
    // What it is about and where to bring the documents, without opening the app.
    expect(sent[0]!.templateData.content).toContain(`${code} (Kết hôn)`);
    expect(sent[0]!.templateData.content).toContain("Nơi nộp: Trung tâm Phục vụ hành chính công notify-a, Số 1 Đại lộ Lê Lợi (ĐT 0237 3 000 000)");

    const inbox = await json(await asCitizen(session, "/v1/me/inbox"));
    expect(inbox.unread).toBe(1);
    expect(inbox.messages).toHaveLength(1);
    expect(inbox.messages[0]).toMatchObject({
      kind: "supplement_requested",
      dossierCode: code,
      title: "Hồ sơ cần bổ sung giấy tờ",
      delivery: { status: "sent", channel: "miniapp" },
    });
    await asCitizen(session, "/v1/me/inbox/read", "POST", { upToId: inbox.messages[0].id });
    expect((await json(await asCitizen(session, "/v1/me/inbox"))).unread).toBe(0);

    // The one-stop system sends the same batch again: duplicate, and nobody is messaged twice.
    await sendEvents(client, [event], ["duplicate"]);
    await new Promise((r) => setTimeout(r, 2000));
    expect(await messagesTo("u-supp")).toHaveLength(1);
    expect(await deliveriesOf(code)).toHaveLength(1);
  });

  it("no outbox row without its applied event, and no message for an event already overtaken", async () => {
    const { code } = await follower("u-order");
    const before = (await env.DB.prepare("SELECT count(*) AS n FROM outbox").first<{ n: number }>())!.n;
    // Rejected: another province's agency. Nothing stored, no message.
    await createProvince("notify-b", "000.00.32.H32");
    await sendEvents(client, [{ ...supplement(`000.00.32.H32-261120-0001`, "rej-1") }], ["rejected"]);
    expect((await env.DB.prepare("SELECT count(*) AS n FROM outbox").first<{ n: number }>())!.n).toBe(before);

    // The result is ready; a supplement request dated earlier arrives after it: applied to history, not news.
    await sendEvents(client, [{ id: `${code}-ready`, type: "dossier.result_ready", occurredAt: vnTime(-2), dossierCode: code }]);
    await sendEvents(client, [{ ...supplement(code, `${code}-late-supp`), occurredAt: vnTime(-30) }]);
    const rows = await waitFor("the result message", async () => settled(await deliveriesOf(code)) && deliveriesOf(code));
    expect(rows.map((r) => r.kind)).toEqual(["result_ready"]);
    // Every outbox row written for an event has that event stored (same db.batch).
    const orphans = await env.DB.prepare(
      "SELECT o.dedupe_key FROM outbox o WHERE o.dedupe_key LIKE 'event:%' AND NOT EXISTS (SELECT 1 FROM dossier_events e WHERE 'event:' || e.client_id || ':' || e.event_id = o.dedupe_key)",
    ).all();
    expect(orphans.results).toEqual([]);
    const [message] = await messagesTo("u-order");
    expect(message!.templateData.title).toBe("Đã có kết quả — mời đến nhận");
  });

  it("a citizen who does not follow the dossier gets nothing", async () => {
    const { code } = await follower("u-owner");
    const outsider = await signIn(PROVINCE, APP, "u-outsider");
    await consent(outsider, "miniapp");
    await sendEvents(client, [supplement(code, `${code}-s`)]);
    await waitFor("the owner's delivery", async () => settled(await deliveriesOf(code)));
    expect(await messagesTo("u-outsider")).toEqual([]);
    expect((await json(await asCitizen(outsider, "/v1/me/inbox"))).messages).toEqual([]);
    expect((await deliveriesOf(code)).map((d) => d.status)).toEqual(["sent"]);
  });
});

describe("when Zalo fails", () => {
  for (const failure of ["429", "500", "timeout", "drop"] as const) {
    it(`${failure} once: retried with backoff, delivered exactly once`, async () => {
      const user = `u-fail-${failure}`;
      const { code } = await follower(user);
      await mode({ endpoint: "miniapp", mode: failure, times: 1, userIds: [user] });
      await sendEvents(client, [supplement(code, `${code}-${failure}`)]);
      const [delivery] = await waitFor("a retried delivery", async () => settled(await deliveriesOf(code)) && deliveriesOf(code), 20_000);
      expect(delivery).toMatchObject({ status: "sent", attempts: 2 });
      const { requests } = await fake<{ requests: { headers: Record<string, string>; outcome: string }[] }>("/__fake/requests?endpoint=miniapp.notification");
      const mine = requests.filter((r) => r.headers["x-user-id"] === user);
      expect(mine.map((r) => r.outcome)).toEqual([failure === "429" || failure === "500" ? "error" : failure === "timeout" ? "timeout" : "dropped", "ok"]);
      expect(await messagesTo(user)).toHaveLength(1);
    });
  }

  it("keeps failing: dead-lettered after the last attempt, with Zalo's reason, never sent", async () => {
    const user = "u-dead";
    const { session, code } = await follower(user);
    await mode({ endpoint: "miniapp", mode: "503", userIds: [user] });
    await sendEvents(client, [supplement(code, `${code}-dead`)]);
    const [delivery] = await waitFor("the dead letter", async () => settled(await deliveriesOf(code)) && deliveriesOf(code), 25_000);
    await mode({ endpoint: "miniapp", mode: "ok" });
    expect(delivery).toMatchObject({ status: "failed_permanent", attempts: 3 });
    expect(delivery!.dead_lettered_at).toBeTruthy();
    expect(delivery!.last_error).toMatch(/gave up after 3 attempts; last: miniapp: HTTP 503/);
    expect(await messagesTo(user)).toEqual([]);
    // Still in the inbox, with its status: nothing is lost from the citizen's view.
    const inbox = await json(await asCitizen(session, "/v1/me/inbox"));
    expect(inbox.messages[0]).toMatchObject({ kind: "supplement_requested", delivery: { status: "failed_permanent" } });
  });

  it("user not reachable in the mini app: falls back to ZNS by phone when they agreed to it", async () => {
    const user = "u-zns";
    const { session, code } = await follower(user);
    const { token } = await fake<{ token: string }>("/__dev/phone-tokens", { body: { appId: APP, userId: user, phone: "84912000031" } });
    await consent(session, "zns", { accessToken: await zaloToken(APP, user), phoneToken: token });
    await mode({ endpoint: "miniapp", mode: "not_followed", userIds: [user] });
    await sendEvents(client, [supplement(code, `${code}-zns`)]);
    const [delivery] = await waitFor("the ZNS delivery", async () => settled(await deliveriesOf(code)) && deliveriesOf(code));
    expect(delivery).toMatchObject({ status: "sent", channel: "zns", attempts: 1 });
    expect(delivery!.last_error).toMatch(/not followed/i);
    const { messages } = await fake<{ messages: FakeMessage[] & { trackingId?: string }[] }>("/__fake/messages?phone=84912000031");
    expect(messages).toHaveLength(1);
    expect(messages[0]).toMatchObject({ channel: "zns", templateId: "tpl-supplement_requested" });
  });

  it("user not reachable and no ZNS consent: failed for good at once, with Zalo's reason", async () => {
    const user = "u-unreachable";
    const { code } = await follower(user);
    await mode({ endpoint: "miniapp", mode: "not_followed", userIds: [user] });
    await sendEvents(client, [supplement(code, `${code}-nf`)]);
    const [delivery] = await waitFor("the failure", async () => settled(await deliveriesOf(code)) && deliveriesOf(code));
    expect(delivery).toMatchObject({ status: "failed_permanent", attempts: 1, channel: "miniapp" });
    expect(delivery!.last_error).toMatch(/-230.*User has not followed the OA/);
    expect(delivery!.dead_lettered_at).toBeNull();
  });

  it("invalid API key: failed for good, not retried", async () => {
    const user = "u-badkey";
    const { code } = await follower(user);
    await mode({ endpoint: "miniapp", mode: "invalid_token", userIds: [user] });
    await sendEvents(client, [supplement(code, `${code}-key`)]);
    const [delivery] = await waitFor("the failure", async () => settled(await deliveriesOf(code)) && deliveriesOf(code));
    expect(delivery).toMatchObject({ status: "failed_permanent", attempts: 1 });
    expect(delivery!.last_error).toMatch(/HTTP 401/);
  });

  it("many followers through bursts of errors: every one messaged, none twice", async () => {
    const code = (await follower("u-crowd-0")).code;
    const users = ["u-crowd-0"];
    for (let i = 1; i < 24; i++) {
      const user = `u-crowd-${i}`;
      const session = await signIn(PROVINCE, APP, user);
      await consent(session, "miniapp");
      await follow(session, code, await slipToken(SECRET, code));
      users.push(user);
    }
    await mode({ endpoint: "miniapp", mode: "500", times: 6, userIds: users.slice(0, 12) });
    await mode({ endpoint: "miniapp", mode: "429", times: 6, userIds: users.slice(12) });
    await sendEvents(client, [{ id: `${code}-fee`, type: "dossier.fee_requested", occurredAt: vnTime(-1), dossierCode: code, amountVnd: 1_500_000 }]);
    const rows = await waitFor(
      "24 deliveries",
      async () => {
        const r = await deliveriesOf(code);
        return r.length === 24 && settled(r) && r;
      },
      30_000,
    );
    expect(rows.every((r) => r.status === "sent")).toBe(true);
    for (const user of users) {
      const sent = await messagesTo(user);
      expect(sent, user).toHaveLength(1);
      expect(sent[0]!.templateData.content).toContain("1.500.000 đồng");
    }
  });
});

describe("fan-out past one page", () => {
  it("1,200 followers: cut into pages processed in parallel, every one messaged exactly once", async () => {
    const { code } = await follower("u-big-0");
    // Followers written straight into D1: seeding, not the path under test.
    const past = new Date(Date.now() - 3600_000).toISOString();
    const statements: D1PreparedStatement[] = [];
    for (let i = 1; i < 1200; i++) {
      const id = 100_000 + i;
      statements.push(
        env.DB.prepare("INSERT INTO citizens (id, province_id, app_id, zalo_user_id, last_seen_at) VALUES (?, ?, ?, ?, ?)").bind(
          id,
          PROVINCE,
          APP,
          `u-big-${i}`,
          past,
        ),
      );
      statements.push(
        env.DB.prepare("INSERT INTO consents (citizen_id, channel, purpose, wording, granted_at) VALUES (?, 'miniapp', 'dossier_updates', 'test', ?)").bind(
          id,
          past,
        ),
      );
      statements.push(
        env.DB.prepare("INSERT INTO follows (citizen_id, dossier_code, province_id, proof, created_at) VALUES (?, ?, ?, 'slip', ?)").bind(
          id,
          code,
          PROVINCE,
          past,
        ),
      );
    }
    for (let i = 0; i < statements.length; i += 300) await env.DB.batch(statements.slice(i, i + 300));
    await sendEvents(client, [{ id: `${code}-big`, type: "dossier.result_ready", occurredAt: vnTime(-1), dossierCode: code }]);
    const rows = await waitFor(
      "1,200 deliveries",
      async () => {
        const r = await deliveriesOf(code);
        return r.length === 1200 && settled(r) && r;
      },
      35_000,
    );
    expect(rows.every((r) => r.status === "sent")).toBe(true);
    const { messages } = await fake<{ messages: FakeMessage[] }>(`/__fake/messages?channel=miniapp`);
    const mine = messages.filter((m) => m.userId?.startsWith("u-big-"));
    expect(mine).toHaveLength(1200);
    expect(new Set(mine.map((m) => m.userId)).size).toBe(1200);
  });
});

describe("consent and following decide, at send time", () => {
  it("consent withdrawn: no further messages, though the inbox still lists them", async () => {
    const user = "u-withdraw";
    const { session, code } = await follower(user);
    expect((await asCitizen(session, "/v1/me/consents/miniapp", "DELETE")).status).toBe(204);
    await sendEvents(client, [supplement(code, `${code}-w`)]);
    const [delivery] = await waitFor("the unsent delivery", async () => settled(await deliveriesOf(code)) && deliveriesOf(code));
    // Not a failure: the in-app inbox is where it reaches them, and the reason says why Zalo was not used.
    expect(delivery).toMatchObject({ status: "in_app", channel: "inbox", reason: "no_consent" });
    expect(await messagesTo(user)).toEqual([]);
    expect((await json(await asCitizen(session, "/v1/me/inbox"))).messages).toHaveLength(1);
  });

  it("unfollowed: no message at all", async () => {
    const user = "u-unfollow";
    const { session, code } = await follower(user);
    await asCitizen(session, `/v1/me/follows/${code}`, "DELETE");
    await sendEvents(client, [supplement(code, `${code}-u`)]);
    await new Promise((r) => setTimeout(r, 2500));
    expect(await deliveriesOf(code)).toEqual([]);
    expect(await messagesTo(user)).toEqual([]);
  });
});

/** Runs the worker's scheduled handler as the cron trigger would, with this file's bindings. */
async function cron(expression: string, at: number) {
  await worker.scheduled(createScheduledController({ cron: expression, scheduledTime: at }), env);
}

/** The next moment at or after now that is daytime in Vietnam (the cron only messages between 07:00 and 20:00). */
function nextDaytime(): number {
  const now = Date.now();
  const vnHour = new Date(now + 7 * 3600_000).getUTCHours();
  if (vnHour >= 7 && vnHour < 20) return now;
  const vnMidnight = Math.floor((now + 7 * 3600_000) / 86_400_000) * 86_400_000 - 7 * 3600_000;
  const seven = vnMidnight + 7 * 3600_000;
  return seven > now ? seven : seven + 86_400_000;
}

describe("the cron", () => {
  it("reminds followers the day before a supplement deadline, once", async () => {
    const user = "u-remind";
    const { code } = await follower(user);
    const at = nextDaytime();
    const tomorrowNoon = new Date(Math.floor((at + 7 * 3600_000) / 86_400_000) * 86_400_000 + 86_400_000 + 5 * 3600_000).toISOString();
    await sendEvents(client, [{ ...supplement(code, `${code}-r`), deadline: tomorrowNoon }]);
    await waitFor("the request's own message", async () => settled(await deliveriesOf(code)));
    await cron("17 * * * *", at);
    await cron("17 * * * *", at + 3600_000);
    const rows = await waitFor("the reminder", async () => {
      const r = await deliveriesOf(code);
      return r.length === 2 && settled(r) && r;
    });
    expect(rows.map((r) => r.kind)).toEqual(["supplement_requested", "supplement_reminder"]);
    const reminder = (await messagesTo(user)).find((m) => m.templateId === "tpl-supplement_reminder");
    expect(reminder!.templateData.title).toBe("Ngày mai là hạn bổ sung giấy tờ");
  });

  it("tells followers of an overdue dossier once, with the apology", async () => {
    const user = "u-overdue";
    const session = await signIn(PROVINCE, APP, user);
    await consent(session, "miniapp");
    const received = intake(AGENCY, { occurredAt: vnTime(-10 * 24 * 60), receivedAt: vnTime(-10 * 24 * 60), dueAt: vnTime(-3 * 24 * 60) });
    await sendEvents(client, [received]);
    await follow(session, received.dossierCode, await slipToken(SECRET, received.dossierCode));
    const at = nextDaytime();
    await cron("17 * * * *", at);
    await cron("17 * * * *", at + 3600_000);
    const rows = await waitFor("the overdue notice", async () => settled(await deliveriesOf(received.dossierCode)) && deliveriesOf(received.dossierCode));
    expect(rows.map((r) => r.kind)).toEqual(["overdue"]);
    const [message] = await messagesTo(user);
    expect(message!.templateData.content).toMatch(/thành thật xin lỗi/);
    expect(message!.templateData.content).toContain(`${received.dossierCode} (Kết hôn)`);
    expect(message!.templateData.content).toContain("gọi Trung tâm Phục vụ hành chính công notify-a: 0237 3 000 000");
  });

  it("the sweeper re-dispatches an outbox row whose dispatch was lost", async () => {
    const user = "u-sweep";
    const { code } = await follower(user);
    // As if the worker died between committing the event and enqueueing its fan-out.
    const createdAt = new Date(Date.now() - 5 * 60_000).toISOString();
    await env.DB.prepare("INSERT INTO outbox (dedupe_key, province_id, dossier_code, kind, params, created_at) VALUES (?, ?, ?, 'result_ready', ?, ?)")
      .bind(`test:lost:${code}`, PROVINCE, code, JSON.stringify({ code }), createdAt)
      .run();
    await env.DB.prepare("UPDATE follows SET created_at = ? WHERE dossier_code = ?")
      .bind(new Date(Date.now() - 10 * 60_000).toISOString(), code)
      .run();
    await cron(SWEEP_CRON, Date.now());
    await waitFor("the swept message", async () => settled(await deliveriesOf(code)));
    expect(await messagesTo(user)).toHaveLength(1);
  });
});

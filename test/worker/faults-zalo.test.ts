import { beforeAll, describe, expect, it } from "vitest";
import { slipToken } from "../../worker/src/security/tokens";
import { call, createProvince, intake, json, sendEvents, type Client } from "./helpers";
import { count, deliveriesOf, faultCounter, messagesTo, settled, waitFor, zaloMode } from "./faults-helpers";
import { asCitizen, connectZalo, consent, fake, follow, signIn, vnTime, zaloToken } from "./zalo-helpers";

/**
 * Zalo down, rate limiting, answering with its own error codes, slow, or refusing connections: sign-in says Zalo
 * is unavailable without holding it against the citizen, and every notification gets through once Zalo is back.
 * Each failure is scoped to the Zalo users of its test, so other suites sharing the fake are not affected.
 */
const PROVINCE = "faults-zalo";
const AGENCY = "000.00.72.H72";
const APP = "7200000001";
const SECRET = "test-server-secret-0123456789abcdef";
let client: Client;
const survived = faultCounter("Zalo down, 429, slow");

beforeAll(async () => {
  client = await createProvince(PROVINCE, AGENCY);
  await connectZalo(PROVINCE, APP);
});

/** Zalo's failures as the fake plays them; vitest.worker.config.ts gives the worker a 1 s timeout. */
const OUTAGES = [
  { mode: "503" },
  { mode: "500" },
  { mode: "429" },
  { mode: "timeout" },
  { mode: "slow", delayMs: 1500 },
  // A read whose connection fails is asked again once (see below): these fail twice.
  { mode: "drop", times: 2 },
  { mode: "reset", times: 2 },
  { mode: "zalo_error", code: -100 },
  { mode: "zalo_error", code: -429 },
] as const;

const signInFrom = (ip: string, accessToken: string) =>
  call("/v1/session", { method: "POST", ip, headers: { "content-type": "application/json" }, body: JSON.stringify({ provinceId: PROVINCE, accessToken }) });

const rejectedTokensFrom = (ip: string) => count("SELECT coalesce(sum(count), 0) AS n FROM throttles WHERE key = ?", `zalo-token:ip:${ip}`);

describe("sign-in while Zalo's Graph API fails", () => {
  for (const outage of OUTAGES) {
    const label = outage.mode === "zalo_error" ? `error ${outage.code} with HTTP 200` : outage.mode;
    it(`${label}: 503 zalo_unavailable, not counted as a rejected token; signs in once Zalo answers`, async () => {
      const user = `graph-${outage.mode}-${"code" in outage ? -outage.code : ""}`;
      const ip = `203.0.113.${OUTAGES.indexOf(outage) + 10}`;
      const token = await zaloToken(APP, user);
      await zaloMode({ endpoint: "graph", times: 1, ...outage, userIds: [user] });
      const res = await signInFrom(ip, token);
      expect(res.status).toBe(503);
      const body = await json(res);
      expect(body.error).toMatchObject({ code: "zalo_unavailable", message: "Zalo đang không phản hồi. Vui lòng thử lại sau ít phút." });
      expect(await rejectedTokensFrom(ip)).toBe(0);
      expect(await count("SELECT count(*) AS n FROM citizens WHERE zalo_user_id = ?", user)).toBe(0);

      const again = await signInFrom(ip, token);
      expect(again.status).toBe(201);
      survived();
    });
  }

  for (const mode of ["drop", "reset"]) {
    it(`a connection ${mode === "drop" ? "closed" : "reset"} once (a keep-alive connection Zalo closed as it was reused) is asked again: signed in`, async () => {
      const user = `graph-once-${mode}`;
      await zaloMode({ endpoint: "graph", mode, times: 1, userIds: [user] });
      expect((await signInFrom("203.0.113.90", await zaloToken(APP, user))).status).toBe(201);
      const { requests } = await fake<{ requests: { headers: Record<string, string>; outcome: string }[] }>("/__fake/requests?endpoint=graph.me");
      expect(requests.filter((r) => r.outcome === "dropped").length).toBeGreaterThan(0);
      survived();
    });
  }

  it("a token Zalo refuses is counted (the count above could have moved)", async () => {
    const ip = "203.0.113.99";
    expect((await signInFrom(ip, "not-a-zalo-token")).status).toBe(401);
    expect(await rejectedTokensFrom(ip)).toBe(1);
    survived();
  });
});

async function followers(users: string[]) {
  const received = intake(AGENCY, { occurredAt: vnTime(-60), receivedAt: vnTime(-60) });
  await sendEvents(client, [received]);
  const t = await slipToken(SECRET, received.dossierCode);
  for (const user of users) {
    const session = await signIn(PROVINCE, APP, user);
    await consent(session, "miniapp");
    await follow(session, received.dossierCode, t);
  }
  return received.dossierCode;
}

const resultReady = (code: string) => ({ id: `${code}-ready`, type: "dossier.result_ready", occurredAt: vnTime(-1), dossierCode: code });

type LoggedRequest = { at: string; headers: Record<string, string>; outcome: string };
async function notificationCallsFor(user: string): Promise<LoggedRequest[]> {
  const { requests } = await fake<{ requests: LoggedRequest[] }>("/__fake/requests?endpoint=miniapp.notification");
  return requests.filter((r) => r.headers["x-user-id"] === user);
}

describe("notifications while Zalo fails", () => {
  it("an outage of every kind for several followers: each retried with a growing delay, then sent exactly once", async () => {
    const users = ["out-503", "out-429", "out-reset", "out-json", "out-timeout"];
    const code = await followers(users);
    // Two failures each (the tests allow 3 attempts); the timeout user mixes a held request and Zalo's -100.
    await zaloMode({ endpoint: "miniapp", mode: "503", times: 2, userIds: ["out-503"] });
    await zaloMode({ endpoint: "miniapp", mode: "429", times: 2, userIds: ["out-429"] });
    await zaloMode({ endpoint: "miniapp", mode: "reset", times: 2, userIds: ["out-reset"] });
    await zaloMode({ endpoint: "miniapp", mode: "zalo_error", code: -100, times: 2, userIds: ["out-json"] });
    await zaloMode({ endpoint: "miniapp", mode: "timeout", times: 1, userIds: ["out-timeout"] });
    await zaloMode({ endpoint: "miniapp", mode: "zalo_error", code: -429, times: 1, userIds: ["out-timeout"] });
    await sendEvents(client, [resultReady(code)]);

    const rows = await waitFor(
      "every delivery",
      async () => {
        const found = await deliveriesOf(code);
        return found.length === users.length && settled(found) && found;
      },
      30_000,
    );
    expect(rows.map((r) => [r.status, r.attempts])).toEqual(users.map(() => ["sent", 3]));
    for (const user of users) {
      expect(await messagesTo(user)).toHaveLength(1);
      const calls = (await notificationCallsFor(user)).map((r) => Date.parse(r.at));
      expect(calls).toHaveLength(3);
      // Backoff: 1 s then 2 s (NOTIFY_RETRY_BASE_SECONDS=1), measured at Zalo; a little slack for the clock.
      expect(calls[1]! - calls[0]!).toBeGreaterThanOrEqual(900);
      expect(calls[2]! - calls[1]!).toBeGreaterThanOrEqual(1900);
    }
    survived();
  });

  it("down longer than every attempt: dead-lettered with Zalo's reason, still in the inbox, never sent twice later", async () => {
    const code = await followers(["out-long"]);
    await zaloMode({ endpoint: "miniapp", mode: "503", userIds: ["out-long"] });
    await sendEvents(client, [resultReady(code)]);
    const [row] = await waitFor("the dead letter", async () => settled(await deliveriesOf(code)) && deliveriesOf(code), 30_000);
    await zaloMode({ endpoint: "miniapp", mode: "ok" });
    expect(row).toMatchObject({ status: "failed_permanent", attempts: 3 });
    expect(row!.dead_lettered_at).not.toBeNull();
    expect(row!.last_error).toMatch(/HTTP 503/);
    expect(await messagesTo("out-long")).toHaveLength(0);
    const session = await signIn(PROVINCE, APP, "out-long");
    const inbox = await json(await asCitizen(session, "/v1/me/inbox"));
    expect(inbox.messages).toHaveLength(1);
    expect(inbox.messages[0].delivery.status).toBe("failed_permanent");
    survived();
  });

  it("Zalo answering after our timeout but sending anyway: sent again on retry (at least once), recorded as sent", async () => {
    const code = await followers(["out-slow"]);
    await zaloMode({ endpoint: "miniapp", mode: "slow", delayMs: 1500, times: 1, userIds: ["out-slow"] });
    await sendEvents(client, [resultReady(code)]);
    const [row] = await waitFor("the delivery", async () => settled(await deliveriesOf(code)) && deliveriesOf(code), 20_000);
    expect(row).toMatchObject({ status: "sent", attempts: 2 });
    // The late answer cannot be told from a lost request: the README's guarantee is at least once.
    await waitFor("the late copy at Zalo", async () => (await messagesTo("out-slow")).length === 2);
    const sent = await messagesTo("out-slow");
    expect(sent[0]!.templateData).toEqual(sent[1]!.templateData);
    survived();
  });
});

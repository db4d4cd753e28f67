import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { THROTTLES } from "../../worker/src/security/throttle";
import { slipToken } from "../../worker/src/security/tokens";
import { call, createProvince, intake, json, sendEvents, type Client } from "./helpers";
import { asCitizen, connectZalo, follow, signIn } from "./zalo-helpers";

const PROVINCE = "unlock-race";
const AGENCY = "000.00.22.H22";
const APP = "2200000001";
const RIGHT = "1234"; // intake()'s applicant: 038090001234
const BURST = 60;
let client: Client;

const unlock = (code: string, idNumberLast4: string, ip: string) =>
  call(`/v1/dossiers/${code}/unlock`, { method: "POST", ip, headers: { "content-type": "application/json" }, body: JSON.stringify({ idNumberLast4 }) });

/** A wrong guess for the i-th request of a burst: never the right digits. */
const wrong = (i: number) => String(5000 + i).padStart(4, "0");

async function counter(key: string): Promise<number | undefined> {
  return (await env.DB.prepare("SELECT count FROM throttles WHERE key = ?").bind(key).first<{ count: number }>())?.count;
}

async function newDossier(): Promise<string> {
  const received = intake(AGENCY);
  await sendEvents(client, [received]);
  return received.dossierCode;
}

const statuses = (answers: Response[]) => answers.reduce<Record<number, number>>((tally, r) => ({ ...tally, [r.status]: (tally[r.status] ?? 0) + 1 }), {});

beforeAll(async () => {
  client = await createProvince(PROVINCE, AGENCY);
  await connectZalo(PROVINCE, APP);
});

describe("unlock under a burst of concurrent guesses", () => {
  it(`compares at most ${THROTTLES.factorPerCodeClient.limit} of ${BURST} concurrent wrong guesses from one client, then refuses the right digits`, async () => {
    const code = await newDossier();
    const limit = THROTTLES.factorPerCodeClient.limit;
    const answers = await Promise.all(Array.from({ length: BURST }, (_, i) => unlock(code, wrong(i), "192.0.2.10")));
    // 403 means the digits were compared; 429 means they were not.
    expect(statuses(answers)).toEqual({ 403: limit, 429: BURST - limit });
    expect(await counter(`factor-code-client:${code}|ip:192.0.2.10`)).toBe(limit);
    const right = await unlock(code, RIGHT, "192.0.2.10");
    expect(right.status).toBe(429);
  });

  it("with the right digits among the burst, still compares at most the limit of wrong ones", async () => {
    const code = await newDossier();
    const limit = THROTTLES.factorPerCodeClient.limit;
    const guesses = Array.from({ length: BURST }, (_, i) => (i % 12 === 11 ? RIGHT : wrong(i)));
    const answers = await Promise.all(guesses.map((g) => unlock(code, g, "192.0.2.11")));
    const tally = statuses(answers);
    expect(tally[403] ?? 0).toBeLessThanOrEqual(limit);
    expect((tally[403] ?? 0) + (tally[200] ?? 0) + (tally[429] ?? 0)).toBe(BURST);
    // Only right digits ever open it; every answer past the comparisons is a refusal that compared nothing.
    answers.forEach((r, i) => {
      if (r.status === 200) expect(guesses[i]).toBe(RIGHT);
    });
  });

  it(`holds the dossier's ceiling of ${THROTTLES.factorPerCode.limit} against ${BURST} addresses at once, and the slip's QR and the follower still open it`, async () => {
    const code = await newDossier();
    const ceiling = THROTTLES.factorPerCode.limit;
    // The owner followed the dossier earlier with the slip's QR.
    const owner = await signIn(PROVINCE, APP, "race-owner");
    const token = await slipToken(env.SERVER_SECRET, code);
    await follow(owner, code, token);

    const answers = await Promise.all(Array.from({ length: BURST }, (_, i) => unlock(code, wrong(i), `198.18.${i}.1`)));
    expect(statuses(answers)).toEqual({ 403: ceiling, 429: BURST - ceiling });
    expect(await counter(`factor-code:${code}`)).toBe(ceiling);

    // The digits wait, for everyone, and the citizen is told until when and that the QR works.
    const locked = await unlock(code, RIGHT, "198.18.200.1");
    expect(locked.status).toBe(429);
    expect(Number(locked.headers.get("retry-after"))).toBeGreaterThan(23 * 3600);
    const { error } = await json(locked);
    expect(error.message).toMatch(/Hồ sơ này đã bị nhập sai .* thử lại sau \d{2}:\d{2} ngày \d{2}\/\d{2}\/\d{4}\. Mã QR trên giấy hẹn luôn mở được hồ sơ/);

    // The slip token and the verified follower are untouched by the lock.
    const bySlip = await call(`/v1/dossiers/${code}?t=${token}`, { ip: "198.18.200.1" });
    expect(bySlip.status).toBe(200);
    expect((await json(bySlip)).view).toBe("owner");
    const byFollower = await asCitizen(owner, `/v1/me/dossiers/${code}`);
    expect(byFollower.status).toBe(200);
    expect((await json(byFollower)).applicant).toBeDefined();
  });

  it("gives the owner's successful attempts back: only wrong digits use the limits up", async () => {
    const code = await newDossier();
    for (let i = 0; i < THROTTLES.factorPerCodeClient.limit + 2; i++) expect((await unlock(code, RIGHT, "192.0.2.12")).status).toBe(200);
    expect(await counter(`factor-code-client:${code}|ip:192.0.2.12`)).toBe(0);
  });
});

import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { DEMO_AGENCIES, DEMO_CLIENT_NAME, DEMO_PROVINCE, DEMO_PROVINCE_PATH, demoDossiers, demoReferenceWrites } from "../../scripts/demo";
import { vnCodeDate } from "../../worker/src/domain/time";
import { PublicDossierSchema } from "../../worker/src/schemas/dossier";
import { THROTTLES } from "../../worker/src/security/throttle";
import { admin, call, type Client, integration, json, sendEvents } from "./helpers";

/**
 * Someone walks 10,000 guessable receipt codes from one address: the demo province's agencies, the last 30 days, low
 * sequence numbers, with every real demo code among them. Nothing personal may come back, and the throttle must
 * stop the walk within a small budget, writing nothing per refused lookup once it has.
 */
const GUESSES = 10_000;
const CONCURRENCY = 4;
const ADDRESS = "203.0.113.200";
const dossiers = demoDossiers(new Date());

function guessableCodes(): string[] {
  const real = dossiers.map((d) => d.code);
  const codes = new Set<string>();
  for (let day = 0; codes.size < GUESSES - real.length; day++) {
    const date = vnCodeDate(new Date(Date.now() - (day % 30) * 86_400_000));
    for (const agency of DEMO_AGENCIES) codes.add(`${agency.id}-${date}-${String(1 + Math.floor(day / 30)).padStart(4, "0")}`);
  }
  for (const code of real) codes.delete(code);
  const all = [...codes].slice(0, GUESSES - real.length);
  // The real codes spread through the walk, as a guesser would meet them.
  real.forEach((code, i) => all.splice(Math.floor(((i + 1) * all.length) / (real.length + 1)), 0, code));
  return all;
}

const lookup = (code: string) => call(`/v1/dossiers/${encodeURIComponent(code)}`, { ip: ADDRESS });

async function walk(codes: string[]): Promise<{ status: number; text: string }[]> {
  const answers: { status: number; text: string }[] = new Array(codes.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < codes.length) {
        const i = next++;
        const res = await lookup(codes[i]!);
        answers[i] = { status: res.status, text: await res.text() };
      }
    }),
  );
  return answers;
}

const throttleRows = async () => (await env.DB_THANH_HOA.prepare("SELECT key, window_start, count FROM throttles ORDER BY key").all()).results;

beforeAll(async () => {
  expect((await admin(DEMO_PROVINCE_PATH, "PUT", DEMO_PROVINCE)).status).toBe(200);
  const client = await json<Client>(await admin(`${DEMO_PROVINCE_PATH}/integration-clients`, "POST", { name: DEMO_CLIENT_NAME }));
  for (const write of demoReferenceWrites()) expect((await integration(client, "PUT", write.path, write.body)).status).toBe(200);
  const events = dossiers.flatMap((d) => d.events);
  for (let i = 0; i < events.length; i += 500) await sendEvents(client, events.slice(i, i + 500), "any");
});

describe("enumerating receipt codes from one client", () => {
  it(`gives nothing personal in ${GUESSES} guesses and stops the walk within a small budget`, async () => {
    const codes = guessableCodes();
    expect(codes.length).toBe(GUESSES);
    const started = Date.now();
    const answers = await walk(codes);
    const seconds = (Date.now() - started) / 1000;

    expect(answers.filter((a) => a.status >= 500)).toEqual([]);
    const allowedKeys = new Set(Object.keys(PublicDossierSchema.shape));
    const personal = dossiers.flatMap((d) => [d.applicant.name, d.applicant.idNumber, d.applicant.phone]);
    // Every answer, 429s included, read for any applicant's name, ID number or phone.
    expect(answers.filter((a) => personal.some((value) => a.text.includes(value)))).toEqual([]);
    let found = 0;
    for (const answer of answers) {
      if (answer.status !== 200) continue;
      found++;
      const body = JSON.parse(answer.text) as Record<string, unknown>;
      expect(body.view).toBe("public");
      for (const key of Object.keys(body)) expect(allowedKeys.has(key), key).toBe(true);
    }
    const notFound = answers.filter((a) => a.status === 404).length;
    const refused = answers.filter((a) => a.status === 429).length;
    const budget = found + notFound;
    // Once refused, the walk stays refused: past the first 429 (and the requests already in flight), only 429s.
    const firstRefusal = answers.findIndex((a) => a.status === 429);
    expect(firstRefusal).toBeGreaterThan(0);
    expect(answers.slice(firstRefusal + CONCURRENCY).filter((a) => a.status !== 429)).toEqual([]);
    console.log(
      `enumeration: ${GUESSES} guesses from one address in ${seconds.toFixed(1)} s: ${budget} answered before 429 (${notFound} unknown, ${found} real public views), ${refused} refused`,
    );
    expect(found + notFound + refused).toBe(GUESSES);
    expect(notFound).toBeLessThanOrEqual(THROTTLES.unknownCodePerClient.limit);
    expect(budget).toBeLessThanOrEqual(firstRefusal + CONCURRENCY);
  }, 240_000);

  it("writes nothing for lookups refused past the limit", async () => {
    const before = await throttleRows();
    expect(before.find((r) => r.key === `unknown-code:ip:${ADDRESS}`)?.count).toBe(THROTTLES.unknownCodePerClient.limit);
    const answers = await walk(guessableCodes().slice(0, 100));
    expect(new Set(answers.map((a) => a.status))).toEqual(new Set([429]));
    expect(await throttleRows()).toEqual(before);
  }, 120_000);
});

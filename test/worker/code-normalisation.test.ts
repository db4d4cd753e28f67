import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { app } from "../../worker/src/app";
import { slipToken } from "../../worker/src/security/tokens";
import { call, createProvince, intake, integration, json, sendEvents, type Client } from "./helpers";

/** An agency identifier in the national shape: a compact code re-dots without the database. */
const AGENCY = "000.00.06.H56";
/** One outside it (five groups, 12 characters without dots): a compact code is resolved against known agencies. */
const ODD_AGENCY = "000.00.24.12.H56";
/** Two agencies where one identifier extends the other with digits: some compact codes fit both. */
const SHORT_AGENCY = "AB.CD.EF";
const LONG_AGENCY = "AB.CD.EF.23";

let client: Client;
let national: string;
let odd: string;
const ambiguous = { short: `${SHORT_AGENCY}-231001-123456`, long: `${LONG_AGENCY}-100112-3456` };

const get = (path: string, ip = "10.20.0.1") => call(path, { ip });
const unlock = (code: string, idNumberLast4: string) =>
  call(`/v1/dossiers/${encodeURIComponent(code)}/unlock`, {
    method: "POST",
    ip: "10.20.0.2",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ idNumberLast4 }),
  });

async function addAgency(agencyId: string) {
  for (const [path, body] of [
    [`/v1/integration/agencies/${agencyId}`, { name: `Trung tâm ${agencyId}` }],
    [`/v1/integration/departments/tp-${agencyId}`, { agencyId, name: "Phòng Tư pháp" }],
    [`/v1/integration/officers/cb-${agencyId}`, { displayName: "Lê Văn Bình", departmentId: `tp-${agencyId}` }],
  ] as const) {
    const res = await integration(client, "PUT", path, body);
    if (res.status !== 200) throw new Error(`${path}: ${res.status} ${await res.text()}`);
  }
}

const intakeOf = (agencyId: string, code: string) => intake(agencyId, { id: `evt-${code}`, dossierCode: code });

beforeAll(async () => {
  client = await createProvince("codes-a", AGENCY);
  for (const agency of [ODD_AGENCY, SHORT_AGENCY, LONG_AGENCY]) await addAgency(agency);
  const received = intake(AGENCY);
  national = received.dossierCode;
  // The issue's own example: 000002412H562611270392. The date in a code is only part of its name here; the
  // dossier itself was received two days ago, like every other.
  odd = `${ODD_AGENCY}-261127-0392`;
  await sendEvents(client, [received, intakeOf(ODD_AGENCY, odd), intakeOf(SHORT_AGENCY, ambiguous.short), intakeOf(LONG_AGENCY, ambiguous.long)]);
});

const compact = (code: string) => code.replace(/[.-]/g, "");
const fullWidth = (text: string) => text.replace(/[0-9]/g, (d) => String.fromCharCode(0xff10 + Number(d)));

describe("codes as citizens type them", () => {
  it("finds a dossier typed without dots or dashes, with spaces, in lower case or with O for 0, and answers with the real code", async () => {
    const [agency, date, counter] = [national.slice(0, 13), national.slice(14, 20), national.slice(21)];
    const forms = [
      compact(national),
      compact(national).toLowerCase(),
      `${compact(agency)} ${date} ${counter}`,
      `${agency.replace(/\./g, " ")} ${date} ${counter}`,
      national.replace(/0/g, "O"),
      compact(national).replace(/0/g, "o"),
      `Mã hồ sơ: ${national}`,
      fullWidth(national),
      national.replace(/-/g, "–"),
    ];
    for (const form of forms) {
      const res = await get(`/v1/dossiers/${encodeURIComponent(form)}`);
      expect(res.status, form).toBe(200);
      expect((await json(res)).code, form).toBe(national);
    }
  });

  it("resolves a compact code of an agency outside the national shape against the agencies it knows", async () => {
    for (const form of ["000002412H562611270392", "000002412h56 261127 0392", "OOOOO2412H562611270392", "OOO.OO.24.12.H56-261127-0392"]) {
      const res = await get(`/v1/dossiers/${encodeURIComponent(form)}`);
      expect(res.status, form).toBe(200);
      expect((await json(res)).code, form).toBe(odd);
    }
  });

  it("unlocks and opens the owner view from a compact code: the token is the real code's", async () => {
    const unlocked = await unlock(compact(odd), "1234");
    expect(unlocked.status).toBe(200);
    const body = await json(unlocked);
    expect(body.dossier).toMatchObject({ view: "owner", code: odd, applicant: { name: "Trần Văn An" } });
    const owner = await get(`/v1/dossiers/${encodeURIComponent(odd)}?t=${encodeURIComponent(body.viewToken)}`);
    expect(owner.status).toBe(200);

    const slip = await slipToken(env.SERVER_SECRET, national);
    const bySlip = await get(`/v1/dossiers/${compact(national).toLowerCase()}?t=${slip}`);
    expect(bySlip.status).toBe(200);
    expect(await json(bySlip)).toMatchObject({ view: "owner", code: national });
  });
});

describe("a wrong code stays wrong", () => {
  it("reads no look-alike but O as a digit", async () => {
    const typed = national.replace(/1(?=[^1]*$)/, "I");
    expect(typed).not.toBe(national);
    expect((await get(`/v1/dossiers/${encodeURIComponent(typed)}`, "10.21.0.1")).status).toBe(404);
  });

  it("does not turn one wrong digit into another dossier, whatever the form", async () => {
    const last = Number(national.slice(-1));
    const wrong = `${national.slice(0, -1)}${(last + 5) % 10}`;
    for (const form of [wrong, compact(wrong), `${compact(odd).slice(0, -1)}9`]) {
      const res = await get(`/v1/dossiers/${encodeURIComponent(form)}`, "10.21.0.2");
      expect(res.status, form).toBe(404);
      expect((await json(res)).error.code).toBe("dossier_not_found");
    }
  });

  it("looks a compact code up as typed when two known agencies could have issued it", async () => {
    // ABCDEF231001123456 is AB.CD.EF-231001-123456 and AB.CD.EF.23-100112-3456: both exist, so neither is shown.
    const res = await get("/v1/dossiers/ABCDEF231001123456", "10.21.0.3");
    expect(res.status).toBe(404);
    expect((await get(`/v1/dossiers/${ambiguous.short}`)).status).toBe(200);
    expect((await get(`/v1/dossiers/${ambiguous.long}`)).status).toBe(200);
  });

  it("counts an unresolved compact code against the unknown-code limit like any unknown code", async () => {
    const ip = "10.21.0.4";
    let last = 0;
    for (let i = 0; i < 31; i++) last = (await get(`/v1/dossiers/000002412H56261127${String(1000 + i)}`, ip)).status;
    expect(last).toBe(429);
  });

  it("refuses with a Vietnamese message what cannot be a code", async () => {
    for (const form of ["abc def", "Mã hồ sơ?", "xin chào"]) {
      const res = await get(`/v1/dossiers/${encodeURIComponent(form)}`);
      expect(res.status, form).toBe(400);
      expect((await json(res)).error.message).toMatch(/Mã hồ sơ không đúng định dạng/);
    }
  });
});

/** Round trips to D1 and the statements sent: the normal lookup must stay one query, compact ones cost one more. */
function countingDb(db: D1Database) {
  const log = { roundTrips: 0, writes: 0 };
  const count = (sql: string) => {
    log.roundTrips++;
    if (!/^\s*select/i.test(sql)) log.writes++;
  };
  const wrap = (statement: D1PreparedStatement, sql: string): D1PreparedStatement =>
    new Proxy(statement, {
      get(target, prop) {
        const value = Reflect.get(target, prop);
        if (prop === "bind") return (...args: unknown[]) => wrap(value.apply(target, args), sql);
        if (prop === "first" || prop === "all" || prop === "run" || prop === "raw") {
          return (...args: unknown[]) => {
            count(sql);
            return value.apply(target, args);
          };
        }
        return typeof value === "function" ? value.bind(target) : value;
      },
    });
  const proxy = new Proxy(db, {
    get(target, prop) {
      const value = Reflect.get(target, prop);
      if (prop === "prepare") return (sql: string) => wrap(target.prepare(sql), sql);
      if (prop === "batch") {
        return (statements: D1PreparedStatement[]) => {
          log.roundTrips++;
          return target.batch(statements);
        };
      }
      return typeof value === "function" ? value.bind(target) : value;
    },
  });
  return { db: proxy, log };
}

describe("cost of reading a typed code", () => {
  it("re-dots a code in the national shape without asking the database", async () => {
    for (const form of [national, compact(national).toLowerCase(), national.replace(/0/g, "O")]) {
      const { db, log } = countingDb(env.DB);
      const res = await app.fetch(new Request(`http://x/v1/dossiers/${encodeURIComponent(form)}`), { ...env, DB: db });
      expect(res.status, form).toBe(200);
      expect(log, form).toEqual({ roundTrips: 1, writes: 0 });
    }
  });

  it("resolves any other compact code with one more read", async () => {
    const { db, log } = countingDb(env.DB);
    const res = await app.fetch(new Request(`http://x/v1/dossiers/${compact(odd)}`), { ...env, DB: db });
    expect(res.status).toBe(200);
    expect(log).toEqual({ roundTrips: 2, writes: 0 });
  });
});

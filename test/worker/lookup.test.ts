import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { app } from "../../worker/src/app";
import { slipToken, viewToken } from "../../worker/src/security/tokens";
import { call, createProvince, intake, integration, json, sendEvents, vnDayAt, vnTime, type Client } from "./helpers";

const AGENCY = "000.00.04.H04";
let client: Client;
const unlock = (code: string, idNumberLast4: unknown, ip = "10.0.0.1") =>
  call(`/v1/dossiers/${code}/unlock`, {
    method: "POST",
    ip,
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ idNumberLast4 }),
  });

beforeAll(async () => {
  client = await createProvince("lookup-a", AGENCY);
});

describe("public view", () => {
  it("shows status, agency and dates but nothing that identifies the applicant or their affair", async () => {
    const received = intake(AGENCY);
    await sendEvents(client, [
      received,
      {
        id: "pv-1",
        type: "dossier.supplement_requested",
        occurredAt: vnTime(-60),
        dossierCode: received.dossierCode,
        documents: ["Giấy chứng nhận độc thân"],
        deadline: vnDayAt(5, "16:30"),
        note: "Ghi chú riêng",
      },
    ]);
    const res = await call(`/v1/dossiers/  ${received.dossierCode.toLowerCase()}  `);
    expect(res.status).toBe(200);
    const body = await json(res);
    expect(body).toMatchObject({
      view: "public",
      code: received.dossierCode,
      status: { code: 5, label: "Yêu cầu bổ sung giấy tờ" },
      agency: { id: AGENCY },
      mustAct: true,
    });
    const text = JSON.stringify(body);
    for (const secret of [
      "Trần Văn An",
      "038090001234",
      "1234",
      "0912345678",
      "Đăng ký kết hôn",
      "1.000894",
      "Giấy chứng nhận độc thân",
      "Ghi chú riêng",
      "Nguyễn Thị Lan",
      "Phòng Tư pháp",
    ]) {
      expect(text).not.toContain(secret);
    }
  });

  it("answers 404 in Vietnamese for an unknown code", async () => {
    const res = await call(`/v1/dossiers/${AGENCY}-200101-9999`, { ip: "10.9.9.9" });
    expect(res.status).toBe(404);
    const body = await json(res);
    expect(body.error.code).toBe("dossier_not_found");
    expect(body.error.message).toMatch(/Không tìm thấy hồ sơ/);
  });

  it("computes overdue from the due day in Asia/Ho_Chi_Minh while the dossier is open", async () => {
    // Received 20 days ago, due 17 days ago: the one still open is 17 calendar days late.
    const weeksAgo = { occurredAt: vnDayAt(-20, "08:00"), receivedAt: vnDayAt(-20, "08:00"), dueAt: vnDayAt(-17, "16:30") };
    const late = intake(AGENCY, weeksAgo);
    const done = intake(AGENCY, weeksAgo);
    await sendEvents(client, [late, done, { id: "od-1", type: "dossier.result_ready", occurredAt: vnDayAt(-19, "10:00"), dossierCode: done.dossierCode }]);
    const open = await json(await call(`/v1/dossiers/${late.dossierCode}`));
    expect(open.overdue).toBe(true);
    expect(open.overdueDays).toBe(17);
    expect(open.earlyDays).toBeNull();
    const finished = await json(await call(`/v1/dossiers/${done.dossierCode}`));
    expect(finished.overdue).toBe(false);
    expect(finished.earlyDays).toBe(2);
  });
});

describe("owner view", () => {
  it("opens with the slip token and shows procedure, applicant, officer, timeline and what to do", async () => {
    const received = intake(AGENCY);
    await sendEvents(client, [
      received,
      { id: "ov-1", type: "dossier.fee_requested", occurredAt: vnTime(-60), dossierCode: received.dossierCode, amountVnd: 50000, note: "Nộp lệ phí tại quầy" },
    ]);
    const slip = await json(await integration(client, "GET", `/v1/integration/dossiers/${received.dossierCode}/slip`));
    const res = await call(`/v1/dossiers/${received.dossierCode}?t=${slip.slipToken}`);
    expect(res.status).toBe(200);
    const body = await json(res);
    expect(body).toMatchObject({
      view: "owner",
      procedure: { code: "1.000894", name: "Đăng ký kết hôn", legalDays: 5 },
      applicant: { name: "Trần Văn An" },
      department: { id: `tp-${AGENCY}`, name: "Phòng Tư pháp" },
      officer: { name: "Nguyễn Thị Lan", title: "Chuyên viên" },
      fee: { amountVnd: 50000, due: true },
      status: { code: 6 },
    });
    expect(body.timeline).toHaveLength(2);
    expect(JSON.stringify(body)).not.toContain("038090001234");
    expect(JSON.stringify(body)).not.toContain("applicantFactorHash");
  });

  it("refuses a wrong, forged or other dossier's token with 403", async () => {
    const a = intake(AGENCY);
    const b = intake(AGENCY);
    await sendEvents(client, [a, b]);
    const tokenOfB = await slipToken(env.SERVER_SECRET, b.dossierCode);
    const forgedWithOtherSecret = await slipToken("some-other-secret-0123456789", a.dossierCode);
    for (const t of [tokenOfB, forgedWithOtherSecret, "AAAAAAAAAAAAAAAA", "x", "1.abc"]) {
      const res = await call(`/v1/dossiers/${a.dossierCode}?t=${encodeURIComponent(t)}`);
      expect(res.status, t).toBe(403);
      expect((await json(res)).error.message).toMatch(/không đúng|hết hạn/);
    }
  });

  it("keeps slip tokens short enough for a small QR and free of personal data", async () => {
    const token = await slipToken(env.SERVER_SECRET, `${AGENCY}-261120-0001`);
    expect(token).toMatch(/^[A-Za-z0-9_-]{16}$/);
  });

  it("unlocks with the right last 4 digits and gives a view token that expires", async () => {
    const received = intake(AGENCY);
    await sendEvents(client, [received]);
    const res = await unlock(received.dossierCode, "1234");
    expect(res.status).toBe(200);
    const body = await json(res);
    expect(body.dossier.applicant.name).toBe("Trần Văn An");
    expect((await call(`/v1/dossiers/${received.dossierCode}?t=${body.viewToken}`)).status).toBe(200);
    // A view token for one dossier does not open another.
    const other = intake(AGENCY);
    await sendEvents(client, [other]);
    expect((await call(`/v1/dossiers/${other.dossierCode}?t=${body.viewToken}`)).status).toBe(403);
    // An expired token is refused with its own message.
    const old = await viewToken(env.SERVER_SECRET, received.dossierCode, Date.now() - 31 * 60 * 1000);
    const expired = await call(`/v1/dossiers/${received.dossierCode}?t=${old.token}`);
    expect(expired.status).toBe(403);
    expect((await json(expired)).error.code).toBe("token_expired");
  });

  it("refuses wrong digits with 403 and throttles one client's failures on a dossier, not the owner elsewhere", async () => {
    const received = intake(AGENCY);
    await sendEvents(client, [received]);
    for (let i = 0; i < 5; i++) {
      const res = await unlock(received.dossierCode, "0000", "10.1.0.1");
      expect(res.status).toBe(403);
      expect((await json(res)).error.message).toContain("không khớp");
    }
    // The sixth try from that client, even with the right digits, waits, and is told until when and about the QR.
    const blocked = await unlock(received.dossierCode, "1234", "10.1.0.1");
    expect(blocked.status).toBe(429);
    expect(Number(blocked.headers.get("retry-after"))).toBeGreaterThan(29 * 60);
    expect((await json(blocked)).error.message).toMatch(/thử lại sau \d{2}:\d{2}.*Mã QR trên giấy hẹn luôn mở được hồ sơ/);
    // The owner, from their own phone, is not locked out by someone else's guesses.
    expect((await unlock(received.dossierCode, "1234", "10.1.0.2")).status).toBe(200);
  });

  it("throttles one client's failures across dossiers", async () => {
    const ip = "10.2.0.1";
    const codes = [];
    for (let i = 0; i < 11; i++) codes.push(intake(AGENCY));
    await sendEvents(client, codes);
    for (const d of codes.slice(0, 10)) expect((await unlock(d.dossierCode, "9999", ip)).status).toBe(403);
    expect((await unlock(codes[10]!.dossierCode, "1234", ip)).status).toBe(429);
    // Another client is not affected.
    expect((await unlock(codes[10]!.dossierCode, "1234", "10.2.0.2")).status).toBe(200);
  });

  it("rejects a malformed factor with a Vietnamese message", async () => {
    const received = intake(AGENCY);
    await sendEvents(client, [received]);
    for (const bad of ["12a4", "123", 1234, null]) {
      const res = await unlock(received.dossierCode, bad, "10.3.0.1");
      expect(res.status).toBe(400);
      const body = await json(res);
      expect(body.error.field).toBe("idNumberLast4");
      expect(body.error.message).toMatch(/4 chữ số cuối/);
    }
  });
});

describe("enumeration", () => {
  it("throttles a client that looks up many unknown codes, and only that client", async () => {
    const known = intake(AGENCY);
    await sendEvents(client, [known]);
    const ip = "10.4.0.1";
    for (let i = 0; i < 30; i++) expect((await call(`/v1/dossiers/${AGENCY}-200101-${String(i).padStart(4, "0")}`, { ip })).status).toBe(404);
    const res = await call(`/v1/dossiers/${known.dossierCode}`, { ip });
    expect(res.status).toBe(429);
    expect((await call(`/v1/dossiers/${known.dossierCode}`, { ip: "10.4.0.2" })).status).toBe(200);
  });
});

/** The real D1 binding, wrapped to record every statement sent and every round trip made. */
function countingDb(db: D1Database) {
  const log = { roundTrips: 0, statements: [] as string[] };
  const sqlOf = new WeakMap<object, string>();
  const unwrapped = new WeakMap<object, D1PreparedStatement>();
  const wrapStatement = (statement: D1PreparedStatement, sql: string): D1PreparedStatement => {
    const wrapped = new Proxy(statement, {
      get(target, prop) {
        const value = Reflect.get(target, prop);
        if (prop === "bind") return (...args: unknown[]) => wrapStatement(value.apply(target, args), sql);
        if (prop === "first" || prop === "all" || prop === "run" || prop === "raw")
          return (...args: unknown[]) => {
            log.roundTrips++;
            log.statements.push(sql);
            return value.apply(target, args);
          };
        return typeof value === "function" ? value.bind(target) : value;
      },
    });
    sqlOf.set(wrapped, sql);
    unwrapped.set(wrapped, statement);
    return wrapped;
  };
  // A Sessions API session (the public lookup reads through one) is counted like the database it came from.
  const wrap = <T extends object>(inner: T): T =>
    new Proxy(inner, {
      get(target, prop) {
        const value = Reflect.get(target, prop);
        const d1 = target as unknown as D1Database;
        if (prop === "prepare") return (sql: string) => wrapStatement(d1.prepare(sql), sql);
        if (prop === "batch")
          return (statements: D1PreparedStatement[]) => {
            log.roundTrips++;
            for (const s of statements) log.statements.push(sqlOf.get(s) ?? "?");
            return d1.batch(statements.map((s) => unwrapped.get(s) ?? s));
          };
        if (prop === "withSession") return (constraint?: string) => wrap(d1.withSession(constraint));
        return typeof value === "function" ? value.bind(target) : value;
      },
    });
  const proxy = wrap(db);
  return {
    db: proxy,
    log,
    /** Forgets what was counted: after a first request has made the isolate's one-time reads of this database. */
    reset: () => {
      log.roundTrips = 0;
      log.statements.length = 0;
    },
  };
}

describe("cost of a lookup", () => {
  it("makes one D1 round trip and no write for a public or owner lookup", async () => {
    const received = intake(AGENCY);
    await sendEvents(client, [received]);
    const token = await slipToken(env.SERVER_SECRET, received.dossierCode);
    const requests = [
      () => new Request(`http://x/v1/dossiers/${received.dossierCode}`),
      () => new Request(`http://x/v1/dossiers/${received.dossierCode}?t=${token}`),
    ];
    // Once per isolate and database, not per lookup: whether its migrations are all applied (shards/migrations.ts).
    const { db, log, reset } = countingDb(env.DB);
    const testEnv = { ...env, DB: db };
    expect((await app.fetch(requests[0]!(), testEnv)).status).toBe(200);
    for (const request of requests) {
      reset();
      const res = await app.fetch(request(), testEnv);
      expect(res.status).toBe(200);
      expect(log.roundTrips).toBe(1);
      expect(log.statements.length).toBeGreaterThan(0);
      for (const sql of log.statements) expect(sql.trimStart().toLowerCase()).toMatch(/^select/);
    }
  });

  it("an unlock counts its attempt before the digits are compared, and gives it back when they match", async () => {
    const received = intake(AGENCY);
    await sendEvents(client, [received]);
    const { db, log, reset } = countingDb(env.DB);
    expect((await app.fetch(new Request(`http://x/v1/dossiers/${received.dossierCode}`), { ...env, DB: db })).status).toBe(200);
    reset();
    const res = await app.fetch(
      new Request(`http://x/v1/dossiers/${received.dossierCode}/unlock`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ idNumberLast4: "1234" }),
      }),
      { ...env, DB: db },
    );
    expect(res.status).toBe(200);
    // The owner and the counters read, the three counters counted, the three given back.
    expect(log.roundTrips).toBe(3);
    for (const sql of log.statements) expect(sql.trimStart().toLowerCase()).toMatch(/^(select|insert into "throttles"|update "throttles")/);
    const counters = await env.DB.prepare("SELECT count FROM throttles WHERE key LIKE ?").bind(`factor-code%${received.dossierCode}%`).all<{ count: number }>();
    expect(counters.results.map((r) => r.count)).toEqual([0, 0]);
  });

  it("counts the write a failed lookup makes (so the counter above is not blind)", async () => {
    const { db, log, reset } = countingDb(env.DB);
    const unknown = (n: string) => new Request(`http://x/v1/dossiers/${AGENCY}-200202-${n}`, { headers: { "cf-connecting-ip": "10.6.0.1" } });
    expect((await app.fetch(unknown("0001"), { ...env, DB: db })).status).toBe(404);
    reset();
    const res = await app.fetch(unknown("0002"), { ...env, DB: db });
    expect(res.status).toBe(404);
    expect(log.roundTrips).toBe(2);
    expect(log.statements.some((sql) => /^insert/i.test(sql.trimStart()))).toBe(true);
  });
});

describe("housekeeping", () => {
  it("the hourly cron drops expired throttle counters and keeps live ones", async () => {
    const worker = (await import("../../worker/src/index")).default;
    const now = Date.now();
    const nowSeconds = Math.floor(now / 1000);
    await env.DB.batch([
      env.DB.prepare("INSERT OR REPLACE INTO throttles (key, window_start, count) VALUES ('factor-code-client:old', ?, 5)").bind(nowSeconds - 2 * 3600),
      env.DB.prepare("INSERT OR REPLACE INTO throttles (key, window_start, count) VALUES ('factor-code-client:live', ?, 5)").bind(nowSeconds - 60),
      // A day-long window (feedback per citizen) two hours in is still live; one 25 hours old is not.
      env.DB.prepare("INSERT OR REPLACE INTO throttles (key, window_start, count) VALUES ('feedback:live', ?, 3)").bind(nowSeconds - 2 * 3600),
      env.DB.prepare("INSERT OR REPLACE INTO throttles (key, window_start, count) VALUES ('feedback:old', ?, 3)").bind(nowSeconds - 25 * 3600),
    ]);
    await worker.scheduled({ scheduledTime: now, cron: "17 * * * *", noRetry() {} } as ScheduledController, env as never);
    const keys = await env.DB.prepare(
      "SELECT key FROM throttles WHERE key IN ('factor-code-client:old', 'factor-code-client:live', 'feedback:live', 'feedback:old') ORDER BY key",
    ).all<{ key: string }>();
    expect(keys.results.map((r) => r.key)).toEqual(["factor-code-client:live", "feedback:live"]);
  });
});

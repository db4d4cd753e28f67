import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { call, createProvince, intake, integration, json, sendEvents, utc, vnDayAt, vnTime, type Client } from "./helpers";

const AGENCY = "000.00.03.H03";
let client: Client;
beforeAll(async () => {
  client = await createProvince("events-a", AGENCY);
});

/** A whole life of a dossier, one event of every type, a month ago (older than the news window: no messages). */
function story(code: string, prefix: string) {
  const e = (n: number, type: string, at: string, extra: Record<string, unknown> = {}) => ({
    id: `${prefix}-${n}`,
    type,
    occurredAt: at,
    dossierCode: code,
    ...extra,
  });
  return [
    {
      ...intake(AGENCY),
      id: `${prefix}-0`,
      dossierCode: code,
      occurredAt: vnDayAt(-30, "08:00"),
      receivedAt: vnDayAt(-30, "08:00"),
      dueAt: vnDayAt(-23, "16:30"),
    },
    e(1, "dossier.assigned", vnDayAt(-30, "09:00"), { departmentId: `tp-${AGENCY}`, officerId: `cb-${AGENCY}` }),
    e(2, "dossier.status_changed", vnDayAt(-30, "10:00"), { status: 4, note: "Đang thẩm định" }),
    e(3, "dossier.supplement_requested", vnDayAt(-29, "10:00"), {
      documents: ["Bản sao CCCD", "Giấy xác nhận tình trạng hôn nhân"],
      deadline: vnDayAt(-26, "16:30"),
      note: "Thiếu giấy tờ",
    }),
    e(4, "dossier.status_changed", vnDayAt(-27, "10:00"), { status: 4 }),
    e(5, "dossier.fee_requested", vnDayAt(-26, "10:00"), { amountVnd: 25000, note: "Lệ phí cấp bản sao" }),
    e(6, "dossier.due_changed", vnDayAt(-25, "10:00"), {
      dueAt: vnDayAt(-20, "16:30"),
      reason: "Cơ quan xin lỗi ông/bà vì hồ sơ bị chậm do phải xác minh thêm.",
    }),
    e(7, "dossier.result_ready", vnDayAt(-22, "10:00"), { note: "Mời đến nhận kết quả" }),
    e(8, "dossier.returned", vnDayAt(-21, "09:00")),
  ];
}

async function dossier(code: string) {
  const res = await integration(client, "GET", `/v1/integration/dossiers/${code}`);
  expect(res.status).toBe(200);
  return json(res);
}

async function row(code: string) {
  return env.DB.prepare("SELECT status, version, timeline FROM dossiers WHERE code = ?")
    .bind(code)
    .first<{ status: number; version: number; timeline: string }>();
}

describe("dossier events", () => {
  it("folds every event type into the state and the timeline", async () => {
    const code = `${AGENCY}-261102-0001`;
    const events = story(code, "life");
    const results = (await sendEvents(client, events)).results;
    expect(results.map((r) => r.outcome)).toEqual(events.map(() => "applied"));
    const d = await dossier(code);
    expect(d.status).toEqual({ code: 10, label: "Đã trả kết quả" });
    expect(d.timeline.map((t: { type: string }) => t.type)).toEqual(events.map((e) => e.type));
    const due = d.timeline.find((t: { type: string }) => t.type === "dossier.due_changed");
    expect(due.previousDueAt).toBe(utc(vnDayAt(-23, "16:30")));
    expect(due.dueAt).toBe(utc(vnDayAt(-20, "16:30")));
    expect(due.note).toContain("xin lỗi");
    expect(d.dueAt).toBe(utc(vnDayAt(-20, "16:30")));
    expect(d.fee).toEqual({ amountVnd: 25000, note: "Lệ phí cấp bản sao", due: false, deadline: null, paymentUrl: null, transfer: null });
    expect(d.changedAt).toBe(utc(vnDayAt(-21, "09:00")));
    expect(d.missingDocuments).toBeNull();
    expect(d.completedAt).toBe(utc(vnDayAt(-22, "10:00")));
    expect(d.earlyDays).toBe(2);
    expect(d.officer).toEqual({ id: `cb-${AGENCY}`, name: "Nguyễn Thị Lan", title: "Chuyên viên" });
  });

  it("gives each status its national code, including refused, withdrawn and stopped", async () => {
    const cases: [Record<string, unknown>, number][] = [
      [{ type: "dossier.status_changed", status: 1 }, 1],
      [{ type: "dossier.status_changed", status: 4 }, 4],
      [{ type: "dossier.supplement_requested", documents: ["Sổ hộ khẩu"], deadline: vnDayAt(7, "16:30") }, 5],
      [{ type: "dossier.fee_requested", amountVnd: 100000 }, 6],
      [{ type: "dossier.refused", reason: "Không thuộc thẩm quyền" }, 3],
      [{ type: "dossier.withdrawn", reason: "Công dân xin rút" }, 7],
      [{ type: "dossier.stopped", reason: "Có tranh chấp" }, 8],
      [{ type: "dossier.result_ready" }, 9],
      [{ type: "dossier.returned" }, 10],
      [{ type: "dossier.status_changed", status: 2 }, 2],
    ];
    for (const [i, [event, status]] of cases.entries()) {
      const received = intake(AGENCY);
      const { results } = await sendEvents(client, [received, { id: `status-${i}`, occurredAt: vnTime(-60), dossierCode: received.dossierCode, ...event }]);
      expect(results.map((r) => r.outcome)).toEqual(["applied", "applied"]);
      expect((await row(received.dossierCode))!.status).toBe(status);
    }
  });

  it("takes an online registration not yet accepted at the desk as status 1", async () => {
    const registered = intake(AGENCY, { status: 1, note: "Nộp trực tuyến" });
    await sendEvents(client, [
      registered,
      { id: "accept-1", type: "dossier.status_changed", occurredAt: vnTime(-60), dossierCode: registered.dossierCode, status: 2 },
    ]);
    const d = await dossier(registered.dossierCode);
    expect(d.timeline.map((t: { status: { code: number } }) => t.status.code)).toEqual([1, 2]);
    expect(d.timeline[0].note).toBe("Nộp trực tuyến");
    await sendEvents(client, [{ ...intake(AGENCY), status: 3 }], ["rejected"]);
  });

  it("applies the same batch sent three times only once", async () => {
    const code = `${AGENCY}-261102-0002`;
    const events = story(code, "idem");
    await sendEvents(client, events);
    const first = await row(code);
    for (let i = 0; i < 2; i++) {
      await sendEvents(
        client,
        events,
        events.map(() => "duplicate"),
      );
    }
    const after = await row(code);
    expect(after).toEqual(first);
    const stored = await env.DB.prepare("SELECT COUNT(*) AS n FROM dossier_events WHERE dossier_code = ?").bind(code).first<{ n: number }>();
    expect(stored!.n).toBe(events.length);
  });

  it("treats a repeated id inside one batch as a duplicate", async () => {
    const received = intake(AGENCY);
    await sendEvents(client, [received, received], ["applied", "duplicate"]);
  });

  it("reaches the same state whatever order the events arrive in", async () => {
    const inOrder = `${AGENCY}-261102-0003`;
    await sendEvents(client, story(inOrder, "ordered"));
    const expected = await dossier(inOrder);

    // Deterministic shuffles, including the intake arriving last, one event per request.
    const shuffles = [(e: unknown[]) => [...e].reverse(), (e: unknown[]) => [...e].sort((_a, _b) => 0).map((_, i, a) => a[(i * 5) % a.length]!)];
    for (const [n, shuffle] of shuffles.entries()) {
      const code = `${AGENCY}-261102-00${10 + n}`;
      const events = shuffle(story(code, `shuffled-${n}`));
      for (const event of events) await sendEvents(client, [event]);
      const got = await dossier(code);
      expect({ ...got, code: inOrder }).toEqual(expected);
    }
  });

  it("stores events that arrive before their intake and shows the dossier once it arrives", async () => {
    const code = `${AGENCY}-261102-0020`;
    const [received, ...rest] = story(code, "early");
    await sendEvents(client, rest.slice(0, 3));
    expect((await call(`/v1/dossiers/${code}`)).status).toBe(404);
    await sendEvents(client, [received]);
    expect((await dossier(code)).status.code).toBe(5);
  });

  it("rejects a bad event without blocking the others", async () => {
    const good = intake(AGENCY);
    const { results } = await sendEvents(
      client,
      [
        { id: "bad-type", type: "dossier.exploded", occurredAt: vnTime(-60), dossierCode: good.dossierCode },
        good,
        { id: "bad-status", type: "dossier.status_changed", occurredAt: vnTime(-60), dossierCode: good.dossierCode, status: 11 },
        { id: "bad-time", type: "dossier.result_ready", occurredAt: "yesterday", dossierCode: good.dossierCode },
        { type: "dossier.returned", occurredAt: vnTime(-60), dossierCode: good.dossierCode },
        { ...intake(AGENCY), id: "due-before-received", dueAt: vnTime(-3 * 24 * 60) },
        { ...intake("000.99.99.H03"), id: "unknown-agency" },
        { ...intake("000.99.99.H99"), id: "another-province" },
      ],
      "any",
    );
    expect(results.map((r) => [r.outcome, r.error?.code])).toEqual([
      ["rejected", "unknown_event_type"],
      ["applied", undefined],
      ["rejected", "invalid_event"],
      ["rejected", "invalid_event"],
      ["rejected", "invalid_event"],
      ["rejected", "invalid_event"],
      ["rejected", "unknown_agency"],
      ["rejected", "forbidden"],
    ]);
    expect(results[4]!.id).toBeNull();
    expect((await row(good.dossierCode))!.status).toBe(2);
  });

  it("never stores the ID number or the phone", async () => {
    const received = intake(AGENCY, { applicant: { name: "Lê Thị Hoa", idNumber: "038190987654", phone: "0987654321" } });
    await sendEvents(client, [received]);
    const dump = JSON.stringify([
      await env.DB.prepare("SELECT * FROM dossiers WHERE code = ?").bind(received.dossierCode).all(),
      await env.DB.prepare("SELECT * FROM dossier_events WHERE dossier_code = ?").bind(received.dossierCode).all(),
    ]);
    expect(dump).toContain("Lê Thị Hoa");
    expect(dump).not.toContain("038190987654");
    expect(dump).not.toContain("0987654321");
  });

  it("takes 500 events in one request and refuses 501", async () => {
    const events = Array.from({ length: 500 }, () => intake(AGENCY));
    const { results } = await sendEvents(client, events);
    expect(results).toHaveLength(500);
    expect(results.every((r) => r.outcome === "applied")).toBe(true);
    const res = await integration(client, "POST", "/v1/integration/events", { events: [...events, intake(AGENCY)] });
    expect(res.status).toBe(400);
    expect((await json(res)).error.field).toBe("events");
  });

  it("answers 413 for a body over the size limit", async () => {
    const huge = { events: [{ ...intake(AGENCY), padding: "x".repeat(2 * 1024 * 1024) }] };
    const res = await integration(client, "POST", "/v1/integration/events", huge);
    expect(res.status).toBe(413);
    expect((await json(res)).error.code).toBe("payload_too_large");
  });
});

import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { MAX_EVENTS_PER_DOSSIER } from "../../worker/src/schemas/events";
import { createProvince, DAY_MINUTES, intake, integration, json, sendEvents, vnTime, type Client } from "./helpers";

const AGENCY = "000.00.08.H18";
let client: Client;
beforeAll(async () => {
  client = await createProvince("integrity-a", AGENCY);
});

const storedEvents = async (code: string) =>
  (await env.DB.prepare("select count(*) n from dossier_events where dossier_code = ?").bind(code).first<{ n: number }>())!.n;

const statusChange = (code: string, id: string, minutesAgo: number, status = 4) => ({
  id,
  type: "dossier.status_changed",
  occurredAt: vnTime(-minutesAgo),
  dossierCode: code,
  status,
});

describe("an event id is bound to its content", () => {
  it("answers duplicate for the same event re-sent, even with its fields reordered or its times in another offset", async () => {
    const received = intake(AGENCY);
    await sendEvents(client, [received]);
    const { applicant, ...rest } = received;
    const reordered = { applicant, ...rest, receivedAt: new Date(received.receivedAt).toISOString(), occurredAt: new Date(received.occurredAt).toISOString() };
    await sendEvents(client, [reordered], ["duplicate"]);
  });

  it("refuses the same id with new content as a conflict (409) and keeps what was stored", async () => {
    const received = intake(AGENCY);
    await sendEvents(client, [received]);
    const change = statusChange(received.dossierCode, `${received.id}-status`, 60);
    await sendEvents(client, [change]);
    const { results } = await sendEvents(
      client,
      [
        { ...change, status: 8 },
        { ...received, applicant: { ...received.applicant, name: "Người khác" } },
      ],
      ["rejected", "rejected"],
    );
    for (const r of results) expect(r.error).toMatchObject({ code: "conflict", status: 409 });
    const view = await json(await integration(client, "GET", `/v1/integration/dossiers/${received.dossierCode}`));
    expect(view.status.code).toBe(4);
    expect(view.applicant.name).toBe("Trần Văn An");
  });

  it("tells a retry from a conflict inside one request", async () => {
    const received = intake(AGENCY);
    await sendEvents(client, [received, received, { ...received, dueAt: vnTime(9 * DAY_MINUTES) }], ["applied", "duplicate", "rejected"]);
  });

  it("tells them apart when two requests race with the same id", async () => {
    const received = intake(AGENCY);
    await sendEvents(client, [received]);
    const id = `${received.id}-race`;
    const [first, second] = await Promise.all([
      sendEvents(client, [statusChange(received.dossierCode, id, 30, 4)], "any"),
      sendEvents(client, [statusChange(received.dossierCode, id, 30, 6)], "any"),
    ]);
    const outcomes = [first.results[0]!, second.results[0]!].map((r) => r.error?.code ?? r.outcome).sort();
    expect(outcomes).toEqual(["applied", "conflict"]);
    expect(await storedEvents(received.dossierCode)).toBe(2);
  });
});

describe("dates the calendar does not have", () => {
  it.each([
    ["30 February", "2026-02-30T09:00:00+07:00"],
    ["31 April", "2027-04-31T09:00:00+07:00"],
    ["29 February of a common year", "2027-02-29T09:00:00+07:00"],
    ["month 13", "2026-13-01T09:00:00+07:00"],
    ["hour 24", "2026-11-20T24:00:00+07:00"],
    ["minute 60", "2026-11-20T09:60:00+07:00"],
    ["offset +25:00", "2026-11-20T09:00:00+25:00"],
  ])("refuses %s instead of rolling it over", async (_name, instant) => {
    const received = intake(AGENCY);
    const { results } = await sendEvents(
      client,
      [
        { ...received, dueAt: instant },
        { ...intake(AGENCY), occurredAt: instant },
      ],
      ["rejected", "rejected"],
    );
    expect(results[0]!.error).toMatchObject({ code: "invalid_event", field: "events.0.dueAt", status: 400 });
    expect(results[1]!.error).toMatchObject({ code: "invalid_event", field: "events.1.occurredAt" });
    expect(await storedEvents(received.dossierCode)).toBe(0);
  });

  it("takes 29 February of a leap year", async () => {
    const received = intake(AGENCY);
    await sendEvents(client, [received, { ...statusChange(received.dossierCode, `${received.id}-leap`, 0), occurredAt: "2028-02-29T09:00:00+07:00" }]);
  });

  it("refuses a due date before the receipt date, at intake and when the date is moved", async () => {
    const received = intake(AGENCY);
    const { results } = await sendEvents(client, [{ ...received, dueAt: vnTime(-3 * DAY_MINUTES) }], ["rejected"]);
    expect(results[0]!.error).toMatchObject({ code: "invalid_event", field: "events.0.dueAt" });
    await sendEvents(client, [received]);
    const moved = {
      id: `${received.id}-due`,
      type: "dossier.due_changed",
      occurredAt: vnTime(),
      dossierCode: received.dossierCode,
      dueAt: vnTime(-3 * DAY_MINUTES),
      reason: "Xin lỗi ông/bà.",
    };
    const late = await sendEvents(client, [moved], ["rejected"]);
    expect(late.results[0]!.error).toMatchObject({ code: "invalid_event", field: "events.0.dueAt", status: 400 });
    expect(await storedEvents(received.dossierCode)).toBe(1);
  });
});

describe("a dossier's timeline has a cap", () => {
  it(`keeps at most ${MAX_EVENTS_PER_DOSSIER} events per dossier and refuses the rest with timeline_full`, async () => {
    const received = intake(AGENCY);
    const changes = Array.from({ length: MAX_EVENTS_PER_DOSSIER }, (_, i) => statusChange(received.dossierCode, `${received.id}-${i}`, 1000 - i));
    const expected = [...Array(MAX_EVENTS_PER_DOSSIER).fill("applied"), "rejected"];
    const { results } = await sendEvents(client, [received, ...changes], expected);
    expect(results.at(-1)!.error).toMatchObject({ code: "timeline_full", status: 409 });
    expect(await storedEvents(received.dossierCode)).toBe(MAX_EVENTS_PER_DOSSIER);
  });

  it("holds when requests race to fill the same timeline", async () => {
    const received = intake(AGENCY);
    await sendEvents(client, [received]);
    const batch = (prefix: string) => Array.from({ length: 120 }, (_, i) => statusChange(received.dossierCode, `${received.id}-${prefix}-${i}`, 500 - i));
    const answers = await Promise.all(["a", "b", "c"].map((p) => sendEvents(client, batch(p), "any")));
    const applied = answers.flatMap((a) => a.results).filter((r) => r.outcome === "applied").length;
    expect(await storedEvents(received.dossierCode)).toBe(MAX_EVENTS_PER_DOSSIER);
    expect(applied).toBe(MAX_EVENTS_PER_DOSSIER - 1);
    const view = await json(await integration(client, "GET", `/v1/integration/dossiers/${received.dossierCode}`));
    expect(view.timeline.length).toBeLessThanOrEqual(MAX_EVENTS_PER_DOSSIER);
  });
});

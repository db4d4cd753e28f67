/**
 * The demo's year of history (scripts/demo/figures-history.ts) gives the director figures worth showing, whatever
 * the day it runs: on-time around nine in ten and better lately than a year ago, late and early ones, overdue ones
 * now, satisfaction around eight or nine in ten.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { DEMO_PROVINCE, DEMO_PROVINCE_ID, DEMO_PROVINCE_PATH, demoDossiers, demoReferenceWrites } from "../../scripts/demo";
import { demoHistory } from "../../scripts/demo/figures-history";
import { slipToken } from "../../worker/src/security/tokens";
import { admin, call, type Client, integration, json, sendEvents } from "./helpers";
import { SECRET } from "./voice-setup";

const now = new Date();
const history = demoHistory(now);
let client: Client;

beforeAll(async () => {
  expect((await admin(DEMO_PROVINCE_PATH, "PUT", DEMO_PROVINCE)).status).toBe(200);
  const created = await admin(`${DEMO_PROVINCE_PATH}/integration-clients`, "POST", {
    name: "Số liệu mẫu",
    keyId: "demo-figures",
    secret: "demo-figures-secret-for-the-tests-0123",
  });
  expect(created.status).toBe(201);
  client = await json<Client>(created);
  for (const write of demoReferenceWrites()) expect((await integration(client, "PUT", write.path, write.body)).status).toBe(200);
  const events = [...demoDossiers(now).flatMap((d) => d.events), ...history.flatMap((d) => d.events)];
  for (let i = 0; i < events.length; i += 500) await sendEvents(client, events.slice(i, i + 500), "any");
  const returned = history.filter((d) => d.returned).filter((_, i) => i % 6 === 0);
  const overall = ["very_satisfied", "satisfied", "satisfied", "satisfied", "very_satisfied", "satisfied", "dissatisfied", "satisfied"];
  for (const [i, d] of returned.entries()) {
    const res = await call(`/v1/dossiers/${encodeURIComponent(d.code)}/rating`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({
        t: await slipToken(SECRET, d.code),
        extraVisits: "0",
        agenciesCount: "1",
        publiclyPosted: "yes",
        attitude: "courteous",
        convenience: "convenient",
        overall: overall[i % overall.length],
      }),
    });
    expect(res.status).toBe(201);
  }
});

describe("the demo's figures", () => {
  it("are varied and meaningful", async () => {
    const byMonth = await json(await call(`/v1/provinces/${DEMO_PROVINCE_ID}/figures?groupBy=month`));
    const { total, groups } = byMonth;
    expect(total.completed).toBeGreaterThan(300);
    expect(total.onTimeRate).toBeGreaterThan(0.8);
    expect(total.onTimeRate).toBeLessThan(0.97);
    expect(total.completedEarly).toBeGreaterThan(0);
    expect(total.completedLate).toBeGreaterThan(0);
    expect(total.overdueNow).toBeGreaterThan(0);
    expect(total.satisfactionRate).toBeGreaterThan(0.75);
    expect(total.satisfactionRate).toBeLessThan(0.95);
    expect(groups.length).toBeGreaterThanOrEqual(12);
    const rateOf = (gs: { completed: number; completedOnTime: number }[]) =>
      gs.reduce((n, g) => n + g.completedOnTime, 0) / gs.reduce((n, g) => n + g.completed, 0);
    expect(rateOf(groups.slice(-4, -1))).toBeGreaterThan(rateOf(groups.slice(0, 3)));
    const agencies = await json(await call(`/v1/provinces/${DEMO_PROVINCE_ID}/figures?groupBy=agency`));
    expect(agencies.groups.length).toBe(5);
    expect(new Set(agencies.groups.map((g: { onTimeRate: number }) => g.onTimeRate)).size).toBeGreaterThan(1);
  });
});

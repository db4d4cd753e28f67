import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { demoAlert } from "../../scripts/demo";
import { DEMO_ALERT_COMMUNE } from "../../scripts/demo/alerts";
import { capFromXml, readXml } from "../../worker/src/domain/cap-xml-read";
import { validateCap } from "../../worker/src/domain/cap";
import { capJson, capXml, countRows, postCap, ref, seedCommunes, subscribe } from "./alerts-helpers";
import { type Client, call, createProvince, json, utc, vnTime } from "./helpers";

const P = { province: "alerts-a", agency: "000.00.86.H86" };
const Q = { province: "alerts-b", agency: "000.00.87.H87" };
let client: Client;
let other: Client;

beforeAll(async () => {
  client = await createProvince(P.province, P.agency);
  await seedCommunes(P.province, [
    ["16001", "Phường Bến Sông"],
    ["16002", "Xã Đồi Chè"],
    ["16003", "Xã Núi Cao"],
  ]);
  await subscribe(P.province, "16001", 3);
  await subscribe(P.province, "16002", 2);
  await subscribe(P.province, "16003", 4);
  // One person chose both riverside communes (home and work): counted once.
  const [both] = await subscribe(P.province, "16001", 1);
  await env.DB.prepare("INSERT INTO citizen_communes (citizen_id, province_id, commune_code, purpose, created_at) VALUES (?, ?, '16002', 'work', ?)")
    .bind(both, P.province, new Date().toISOString())
    .run();
  other = await createProvince(Q.province, Q.agency);
  await seedCommunes(Q.province, [["16101", "Xã Bên Kia"]]);
});

const list = async (query = "") => json(await call(`/v1/provinces/${P.province}/alerts${query}`));
const page = async (id: number) => call(`/v1/provinces/${P.province}/alerts/${id}`);

async function apply(body: unknown, type = "application/json") {
  const res = await postCap(client, body, type);
  expect(res.status, await res.clone().text()).toBe(200);
  return json(res);
}

async function rowOf(identifier: string) {
  return (await env.DB.prepare("SELECT id, superseded_at FROM alerts WHERE identifier = ?")
    .bind(identifier)
    .first<{ id: number; superseded_at: string | null }>())!;
}

describe("receiving an alert", () => {
  it("applies a CAP XML alert for two communes, targets their subscribers once each (one chose both), and answers a duplicate with the same count", async () => {
    const { identifier, xml } = capXml({ communes: ["16001", "16002"], headline: "Lũ quét & sạt lở <khẩn>" });
    const first = await apply(xml, "application/cap+xml");
    expect(first).toEqual({ identifier, outcome: "applied", targeted: 6 });

    const again = await apply(xml, "application/cap+xml");
    expect(again).toEqual({ identifier, outcome: "duplicate", targeted: 6 });
    expect(await countRows("alerts", "identifier = ?", identifier)).toBe(1);
    expect(await countRows("outbox", "dossier_code = ? AND kind = 'alert'", identifier)).toBe(1);

    const { alerts } = await list("?commune=16002");
    const shown = alerts.find((a: { identifier: string }) => a.identifier === identifier);
    expect(shown.headline).toBe("Lũ quét & sạt lở <khẩn>");
    expect(shown.instruction).toContain("đưa người già");
    expect(shown.areas).toEqual([{ areaDesc: "Vùng trũng ven sông", communes: ["16001", "16002"] }]);
    expect((await list("?commune=16003")).alerts.some((a: { identifier: string }) => a.identifier === identifier)).toBe(false);
  });

  it("takes the JSON form, with the same outcome and the message in the outbox for its communes", async () => {
    const alert = capJson({ communes: ["16003"] });
    expect(await apply(alert)).toEqual({ identifier: alert.identifier, outcome: "applied", targeted: 4 });
    const outbox = await env.DB.prepare("SELECT audience, params FROM outbox WHERE dossier_code = ?")
      .bind(alert.identifier)
      .first<{ audience: string; params: string }>();
    expect(JSON.parse(outbox!.audience)).toEqual({ communes: ["16003"] });
    const { id } = await rowOf(alert.identifier);
    expect(JSON.parse(outbox!.params)).toMatchObject({ code: alert.identifier, alertId: id, severity: "Severe" });
  });

  it("takes a province-wide alert naming every commune, more than D1 binds in one statement", async () => {
    const many = Array.from({ length: 160 }, (_, i): [string, string] => [String(16200 + i), `Xã Thứ ${i + 1}`]);
    await seedCommunes(P.province, many);
    await subscribe(P.province, "16359", 2);
    const codes = ["16001", "16002", "16003", ...many.map(([code]) => code)];
    const people = await env.DB.prepare("SELECT count(DISTINCT citizen_id) AS n FROM citizen_communes WHERE province_id = ?")
      .bind(P.province)
      .first<{ n: number }>();
    const alert = capJson({ communes: codes });
    expect(await apply(alert)).toEqual({ identifier: alert.identifier, outcome: "applied", targeted: people!.n });
    const { id } = await rowOf(alert.identifier);
    expect(await countRows("alert_communes", "alert_id = ?", id)).toBe(codes.length);
  });

  it("keeps every info block, and shows the Vietnamese one", async () => {
    const alert = capJson({ communes: ["16001"], headline: "Lũ quét đêm nay" });
    const english = { ...alert.info[0]!, language: "en-US", headline: "Flash flood tonight" };
    const both = { ...alert, info: [english, alert.info[0]!] };
    await apply(both);
    const shown = (await list()).alerts.find((a: { identifier: string }) => a.identifier === alert.identifier);
    expect(shown.headline).toBe("Lũ quét đêm nay");
    const cap = await (await call(`/v1/provinces/${P.province}/alerts/${shown.id}/cap`)).text();
    expect(cap).toContain("<headline>Flash flood tonight</headline>");
    expect(cap.match(/<info>/g)).toHaveLength(2);
  });

  it("stores an Exercise but never shows nor messages it", async () => {
    const alert = capJson({ status: "Exercise", communes: ["16001"] });
    expect(await apply(alert)).toEqual({ identifier: alert.identifier, outcome: "applied", targeted: 0 });
    expect(await countRows("alerts", "identifier = ?", alert.identifier)).toBe(1);
    expect(await countRows("outbox", "dossier_code = ?", alert.identifier)).toBe(0);
    expect((await list()).alerts.some((a: { identifier: string }) => a.identifier === alert.identifier)).toBe(false);
    expect((await page((await rowOf(alert.identifier)).id)).status).toBe(404);
  });

  it("lists the most severe first, then the newest", async () => {
    const minor = capJson({ severity: "Minor", communes: ["16003"], sent: vnTime(1) });
    const extreme = capJson({ severity: "Extreme", communes: ["16003"], sent: vnTime(-5) });
    await apply(minor);
    await apply(extreme);
    const order = (await list("?commune=16003")).alerts.map((a: { severity: string }) => a.severity);
    expect(order[0]).toBe("Extreme");
    expect(order.at(-1)).toBe("Minor");
    const ranks = order.map((s: string) => ["Extreme", "Severe", "Moderate", "Minor", "Unknown"].indexOf(s));
    expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
  });
});

describe("updating and cancelling", () => {
  it("an Update replaces the text everywhere; the old id answers with the new message", async () => {
    const original = capJson({ communes: ["16001"], headline: "Mưa lớn chiều nay" });
    await apply(original);
    const oldId = (await rowOf(original.identifier)).id;
    const update = capJson({ msgType: "Update", references: ref(original), communes: ["16001", "16002"], headline: "Mưa rất lớn, lũ lên nhanh" });
    const res = await apply(update);
    expect(res).toEqual({ identifier: update.identifier, outcome: "applied", targeted: 6 });

    const { alerts } = await list();
    expect(alerts.some((a: { identifier: string }) => a.identifier === original.identifier)).toBe(false);
    const shown = alerts.find((a: { identifier: string }) => a.identifier === update.identifier);
    expect(shown).toMatchObject({ msgType: "Update", headline: "Mưa rất lớn, lũ lên nhanh" });

    const viaOld = await json(await page(oldId));
    expect(viaOld).toMatchObject({ identifier: update.identifier, headline: "Mưa rất lớn, lũ lên nhanh", state: "active", id: shown.id });
    expect(await countRows("outbox", "dossier_code = ? AND kind = 'alert_update'", update.identifier)).toBe(1);

    // The replaced message can no longer be changed.
    const late = await postCap(client, capJson({ msgType: "Update", references: ref(original) }));
    expect(late.status).toBe(409);
    expect((await json(late)).error.code).toBe("conflict");
  });

  it("a Cancel takes it off the active list, into `ended`, with state cancelled, and tells the thread's communes", async () => {
    const original = capJson({ communes: ["16002"] });
    await apply(original);
    const id = (await rowOf(original.identifier)).id;
    const cancel = { ...capJson({ msgType: "Cancel", references: ref(original) }), info: undefined, note: "Nước đã rút" };
    expect(await apply(cancel)).toMatchObject({ identifier: cancel.identifier, outcome: "applied", targeted: 3 });

    const { alerts, ended } = await list("?commune=16002");
    expect(alerts.some((a: { identifier: string }) => a.identifier === original.identifier)).toBe(false);
    const over = ended.find((a: { identifier: string }) => a.identifier === cancel.identifier);
    expect(over).toMatchObject({ endReason: "cancelled", endedAt: utc(cancel.sent), headline: original.info[0]!.headline });
    expect(await json(await page(id))).toMatchObject({ state: "cancelled", msgType: "Cancel", note: "Nước đã rút" });
    const outbox = await env.DB.prepare("SELECT audience FROM outbox WHERE dossier_code = ? AND kind = 'alert_cancel'")
      .bind(cancel.identifier)
      .first<{ audience: string }>();
    expect(JSON.parse(outbox!.audience)).toEqual({ communes: ["16002"] });
  });

  it("of two Updates of the same message sent at once, exactly one wins", async () => {
    const original = capJson({ communes: ["16003"] });
    await apply(original);
    const updates = [1, 2, 3].map((n) => capJson({ msgType: "Update", references: ref(original), communes: ["16003"], headline: `Bản tin số ${n}` }));
    const answers = await Promise.all(updates.map((u) => postCap(client, u)));
    const statuses = answers.map((r) => r.status).sort();
    expect(statuses).toEqual([200, 409, 409]);
    const { id } = await rowOf(original.identifier);
    const thread = await env.DB.prepare("SELECT count(*) AS n FROM alerts WHERE thread_id = ? AND superseded_at IS NULL").bind(id).first<{ n: number }>();
    expect(thread!.n).toBe(1);
    expect(
      await countRows("outbox", `kind = 'alert_update' AND dossier_code IN (${updates.map(() => "?").join(",")})`, ...updates.map((u) => u.identifier)),
    ).toBe(1);
  });

  it("an Update naming another province's alert changes nothing there", async () => {
    const original = capJson({ communes: ["16001"] });
    await apply(original);
    const res = await postCap(other, capJson({ msgType: "Update", references: ref(original), communes: ["16101"] }));
    expect(res.status).toBe(400);
    expect((await json(res)).error).toMatchObject({ code: "cap_unknown_reference", field: "references" });
    expect((await rowOf(original.identifier)).superseded_at).toBeNull();
    // Nor can it warn this province's communes.
    const intrude = await postCap(other, capJson({ communes: ["16001"] }));
    expect((await json(intrude)).error).toMatchObject({ code: "cap_unknown_commune", field: "info[0].area[0].geocode[0].value" });
  });
});

describe("expiry", () => {
  it("an alert whose expiry passed is no longer active, and is listed as ended (expired) for a day", async () => {
    const alert = capJson({ communes: ["16001"], sent: vnTime(-120), expires: vnTime(60) });
    await apply(alert);
    expect((await list()).alerts.some((a: { identifier: string }) => a.identifier === alert.identifier)).toBe(true);
    // Time passes: the stored expiry moves to a minute ago.
    const past = utc(vnTime(-1));
    await env.DB.prepare("UPDATE alerts SET expires = ? WHERE identifier = ?").bind(past, alert.identifier).run();
    const { alerts, ended } = await list();
    expect(alerts.some((a: { identifier: string }) => a.identifier === alert.identifier)).toBe(false);
    expect(ended.find((a: { identifier: string }) => a.identifier === alert.identifier)).toMatchObject({ endReason: "expired", endedAt: past });
    expect(await json(await page((await rowOf(alert.identifier)).id))).toMatchObject({ state: "expired" });
    // After a day it is gone from `ended` too.
    await env.DB.prepare("UPDATE alerts SET expires = ? WHERE identifier = ?")
      .bind(utc(vnTime(-25 * 60)), alert.identifier)
      .run();
    expect((await list()).ended.some((a: { identifier: string }) => a.identifier === alert.identifier)).toBe(false);
  });
});

describe("the CAP feed", () => {
  it("is well-formed Atom whose entries link to CAP documents that read back as the alerts sent", async () => {
    const sent = capJson({ communes: ["16002"], headline: 'Gió giật mạnh "cấp 10" & mưa' });
    await apply(sent);
    const feed = await call(`/v1/provinces/${P.province}/alerts.cap`);
    expect(feed.status).toBe(200);
    expect(feed.headers.get("content-type")).toContain("application/atom+xml");
    expect(feed.headers.get("cache-control")).toBe("public, max-age=60");
    const atom = readXml(await feed.text());
    expect(atom.name).toBe("feed");
    expect(atom.namespace).toBe("http://www.w3.org/2005/Atom");
    const entries = atom.children.filter((c) => c.name === "entry");
    const active = (await list()).alerts;
    expect(entries.length).toBe(active.length);
    const links = entries.map((e) => e.children.find((c) => c.name === "link" && c.attributes.rel === "alternate")!);
    expect(links.every((l) => l.attributes.type === "application/cap+xml")).toBe(true);

    const mine = links.find((l) =>
      l.attributes.href!.endsWith(`/alerts/${active.find((a: { identifier: string }) => a.identifier === sent.identifier).id}/cap`),
    )!;
    const doc = await call(new URL(mine.attributes.href!).pathname);
    expect(doc.headers.get("content-type")).toContain("application/cap+xml");
    const back = validateCap(capFromXml(readXml(await doc.text())));
    expect(back).toEqual(validateCap(sent));
  });

  it("does not mistake alerts.cap for an alert id, and 404s another province's alert", async () => {
    expect((await call(`/v1/provinces/${P.province}/alerts.cap`)).headers.get("content-type")).toContain("atom");
    expect((await call(`/v1/provinces/nowhere/alerts.cap`)).status).toBe(404);
    const alert = capJson({ communes: ["16001"] });
    await apply(alert);
    const { id } = await rowOf(alert.identifier);
    expect((await call(`/v1/provinces/${Q.province}/alerts/${id}`)).status).toBe(404);
    expect((await call(`/v1/provinces/${Q.province}/alerts/${id}/cap`)).status).toBe(404);
  });
});

describe("the demo alert", () => {
  it("is valid CAP for the demo ward, active for three days from now, and a duplicate when seeded again", async () => {
    await seedCommunes(P.province, [[DEMO_ALERT_COMMUNE.code, DEMO_ALERT_COMMUNE.name]]);
    const alert = demoAlert(new Date());
    expect(await apply(alert)).toMatchObject({ identifier: alert.identifier, outcome: "applied" });
    expect(await apply(alert)).toMatchObject({ outcome: "duplicate" });
    const shown = (await list(`?commune=${DEMO_ALERT_COMMUNE.code}`)).alerts.find((a: { identifier: string }) => a.identifier === alert.identifier);
    const hoursLeft = (Date.parse(shown.expires) - Date.now()) / 3_600_000;
    expect(hoursLeft).toBeGreaterThan(71);
    expect(hoursLeft).toBeLessThanOrEqual(72);
  });
});

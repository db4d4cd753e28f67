import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { capJson, postCap, seedCommunes, subscribe } from "./alerts-helpers";
import { type Client, call, createProvince, integration, json, vnTime } from "./helpers";
import { asCitizen, connectZalo, linkStaff, signIn } from "./zalo-helpers";

const P = { province: "alerts-s", agency: "000.00.84.H84", app: "8400000001" };
const Q = { province: "alerts-t", agency: "000.00.85.H85", app: "8500000001" };
let client: Client;
let other: Client;
let admin: string;
let officer: string;
let citizen: string;

const VIETNAMESE = /[àáảãạăâđèéêìíòóôơùúưỳýộửữạ]/i;

beforeAll(async () => {
  client = await createProvince(P.province, P.agency);
  other = await createProvince(Q.province, Q.agency);
  await connectZalo(P.province, P.app);
  await seedCommunes(P.province, [
    ["16501", "Phường Ven Biển"],
    ["16502", "Xã Trong Đồng"],
  ]);
  await seedCommunes(Q.province, [["16601", "Xã Tỉnh Khác"]]);
  await subscribe(P.province, "16501", 6);
  await subscribe(P.province, "16502", 1);
  const put = (id: string, role?: string) =>
    integration(client, "PUT", `/v1/integration/officers/${id}`, { displayName: `Cán bộ ${id}`, departmentId: `tp-${P.agency}`, ...(role ? { role } : {}) });
  await put("cb-admin", "province_admin");
  admin = await linkStaff(client, P.province, P.app, "cb-admin", "alerts-admin");
  officer = await linkStaff(client, P.province, P.app, `cb-${P.agency}`, "alerts-officer");
  citizen = await signIn(P.province, P.app, "alerts-citizen");
});

const body = (overrides: Record<string, unknown> = {}) => ({
  event: "Bão",
  headline: "Bão số 5 đổ bộ chiều nay",
  instruction: "Chằng chống nhà cửa, không ra biển.",
  severity: "Extreme",
  urgency: "Immediate",
  certainty: "Observed",
  communes: ["16501"],
  expires: vnTime(12 * 60),
  ...overrides,
});

const publicList = async () => (await json(await call(`/v1/provinces/${P.province}/alerts`))).alerts as { id: number; identifier: string; headline: string }[];

describe("a province admin", () => {
  it("composes an alert that goes to the chosen communes as a CAP message of the province", async () => {
    const res = await asCitizen(admin, "/v1/staff/alerts", "POST", body({ communes: ["16501", "16502"] }));
    expect(res.status).toBe(200);
    const sent = await json(res);
    expect(sent).toMatchObject({ outcome: "applied", targeted: 7 });
    const row = await env.DB.prepare("SELECT sender, author, areas, msg_type FROM alerts WHERE id = ?").bind(sent.id).first<Record<string, string>>();
    expect(row).toMatchObject({ sender: `${P.province}@motcua`, author: "staff:cb-admin", msg_type: "Alert" });
    // The area is described by the communes' names when the admin wrote none.
    expect(JSON.parse(row!.areas!)[0].areaDesc).toBe("Phường Ven Biển, Xã Trong Đồng");
    expect((await publicList()).find((a) => a.id === sent.id)?.headline).toBe("Bão số 5 đổ bộ chiều nay");
    const cap = await (await call(`/v1/provinces/${P.province}/alerts/${sent.id}/cap`)).text();
    expect(cap).toContain(`<sender>${P.province}@motcua</sender>`);
    expect(cap).toContain("<valueName>ma_xa</valueName><value>16502</value>");
  });

  it("names a long choice of communes by the first ten", async () => {
    const many = Array.from({ length: 12 }, (_, i) => [`165${String(10 + i)}`, `Xã Số ${i + 1}`] as [string, string]);
    await seedCommunes(P.province, many);
    const { id } = await json(await asCitizen(admin, "/v1/staff/alerts", "POST", body({ communes: many.map(([code]) => code) })));
    const page = await json(await call(`/v1/provinces/${P.province}/alerts/${id}`));
    expect(page.areaDesc).toBe(
      `${many
        .slice(0, 10)
        .map(([, name]) => name)
        .join(", ")} và 2 xã, phường khác`,
    );
    expect(page.areas[0].communes).toHaveLength(12);
  });

  it("updates and cancels it; the staff list shows each message with its delivery counts", async () => {
    const { id } = await json(await asCitizen(admin, "/v1/staff/alerts", "POST", body()));
    const updated = await json(await asCitizen(admin, `/v1/staff/alerts/${id}/update`, "POST", body({ headline: "Bão số 5 đã vào bờ", severity: "Severe" })));
    expect(updated).toMatchObject({ outcome: "applied", targeted: 6 });
    const page = await json(await call(`/v1/provinces/${P.province}/alerts/${id}`));
    expect(page).toMatchObject({ headline: "Bão số 5 đã vào bờ", severity: "Severe", msgType: "Update", state: "active" });

    // The admin's page may still hold the first id: the cancel applies to the alert's latest message.
    const cancelled = await asCitizen(admin, `/v1/staff/alerts/${id}/cancel`, "POST", { note: "Bão đã tan" });
    expect(cancelled.status).toBe(200);
    expect(await json(await call(`/v1/provinces/${P.province}/alerts/${id}`))).toMatchObject({ state: "cancelled", note: "Bão đã tan" });

    const again = await asCitizen(admin, `/v1/staff/alerts/${id}/cancel`, "POST", {});
    expect(again.status).toBe(409);
    expect((await json(again)).error.message).toMatch(VIETNAMESE);

    const { alerts } = await json(await asCitizen(admin, "/v1/staff/alerts"));
    const mine = alerts.find((a: { broadcasts: { identifier: string }[] }) => a.broadcasts.some((b) => b.identifier === updated.identifier));
    expect(mine.state).toBe("cancelled");
    expect(mine.broadcasts.map((b: { msgType: string }) => b.msgType)).toEqual(["Alert", "Update", "Cancel"]);
    expect(mine.broadcasts[1]).toMatchObject({ targeted: 6, sentByZalo: expect.any(Number), failed: expect.any(Number) });
  });

  it("lists alerts from the province's warning system too, Exercises included, with status", async () => {
    const exercise = capJson({ status: "Exercise", communes: ["16502"] });
    expect((await postCap(client, exercise)).status).toBe(200);
    const { alerts } = await json(await asCitizen(admin, "/v1/staff/alerts"));
    expect(alerts.find((a: { identifier: string }) => a.identifier === exercise.identifier)).toMatchObject({ status: "Exercise", author: client.keyId });
  });

  it("is refused, in Vietnamese, a commune not of the province, an expiry in the past, and another province's alert", async () => {
    const unknown = await asCitizen(admin, "/v1/staff/alerts", "POST", body({ communes: ["16601"] }));
    expect(unknown.status).toBe(400);
    const unknownError = (await json(unknown)).error;
    expect(unknownError).toMatchObject({ code: "cap_unknown_commune" });
    expect(unknownError.message).toMatch(VIETNAMESE);

    const past = await asCitizen(admin, "/v1/staff/alerts", "POST", body({ expires: vnTime(-5) }));
    expect(past.status).toBe(400);
    expect((await json(past)).error.message).toMatch(VIETNAMESE);

    const theirs = capJson({ communes: ["16601"] });
    await postCap(other, theirs);
    const theirId = (await env.DB.prepare("SELECT id FROM alerts WHERE identifier = ?").bind(theirs.identifier).first<{ id: number }>())!.id;
    const res = await asCitizen(admin, `/v1/staff/alerts/${theirId}/cancel`, "POST", {});
    expect(res.status).toBe(404);
    expect(await env.DB.prepare("SELECT superseded_at FROM alerts WHERE id = ?").bind(theirId).first()).toEqual({ superseded_at: null });
  });
});

describe("anyone else", () => {
  it("an officer who is not a province admin, or a citizen, cannot send, change or list alerts", async () => {
    const before = await publicList();
    for (const session of [officer, citizen]) {
      const res = await asCitizen(session, "/v1/staff/alerts", "POST", body());
      expect(res.status).toBe(403);
      expect((await json(res)).error.message).toMatch(VIETNAMESE);
      expect((await asCitizen(session, "/v1/staff/alerts")).status).toBe(403);
      if (before[0]) expect((await asCitizen(session, `/v1/staff/alerts/${before[0].id}/cancel`, "POST", {})).status).toBe(403);
    }
    expect((await call("/v1/staff/alerts")).status).toBe(401);
    expect(await publicList()).toEqual(before);
  });
});

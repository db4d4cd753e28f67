/**
 * Before sending an alert, a province admin learns how many people it will reach: the distinct citizens who chose
 * one of its communes, counted as the alert's `targeted` will be, in workerd against the real local D1.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { createProvince, integration, json, type Client } from "./helpers";
import { asCitizen, connectZalo, linkStaff, signIn } from "./zalo-helpers";

const X = { province: "reach-x", agency: "000.00.47.H47", app: "4700000001" };
const Y = { province: "reach-y", agency: "000.00.48.H48", app: "4800000001" };
let clientX: Client;
let admin: string;
let officer: string;

async function putOfficer(client: Client, id: string, role?: string) {
  const res = await integration(client, "PUT", `/v1/integration/officers/${id}`, {
    displayName: `Cán bộ ${id}`,
    departmentId: `tp-${X.agency}`,
    ...(role ? { role } : {}),
  });
  expect(res.status, await res.clone().text()).toBe(200);
}

async function choose(user: string, communes: string[]) {
  const session = await signIn(X.province, X.app, user);
  const res = await asCitizen(session, "/v1/me/communes", "PUT", { communes: communes.map((code) => ({ code, purpose: "home" })) });
  expect(res.status, await res.clone().text()).toBe(200);
}

const reach = (session: string, communes: unknown) => asCitizen(session, "/v1/staff/alerts/reach", "POST", { communes });

beforeAll(async () => {
  clientX = await createProvince(X.province, X.agency);
  const clientY = await createProvince(Y.province, Y.agency);
  await connectZalo(X.province, X.app);
  await connectZalo(Y.province, Y.app);
  for (const [code, name] of [
    ["47001", "Phường Một"],
    ["47002", "Xã Hai"],
    ["47003", "Xã Ba"],
  ]) {
    expect((await integration(clientX, "PUT", `/v1/integration/communes/${code}`, { name })).status).toBe(200);
  }
  expect((await integration(clientY, "PUT", "/v1/integration/communes/48001", { name: "Xã Bên Kia" })).status).toBe(200);
  await putOfficer(clientX, "cb-reach-admin", "province_admin");
  await putOfficer(clientX, "cb-reach-officer");
  admin = await linkStaff(clientX, X.province, X.app, "cb-reach-admin", "reach-admin");
  officer = await linkStaff(clientX, X.province, X.app, "cb-reach-officer", "reach-officer");
  // Two people in 47001, one of them also in 47002, one only in 47002, one in 47003.
  await choose("reach-1", ["47001"]);
  await choose("reach-2", ["47001", "47002"]);
  await choose("reach-3", ["47002"]);
  await choose("reach-4", ["47003"]);
});

describe("how many an alert would reach", () => {
  it("counts each person once, however many of the chosen communes they chose", async () => {
    expect(await json(await reach(admin, ["47001"]))).toEqual({ targeted: 2, communes: 1 });
    expect(await json(await reach(admin, ["47001", "47002"]))).toEqual({ targeted: 3, communes: 2 });
    expect(await json(await reach(admin, ["47001", "47002", "47003", "47001"]))).toEqual({ targeted: 4, communes: 3 });
  });

  it("follows the citizens' choices as they change", async () => {
    const before = (await json(await reach(admin, ["47003"]))).targeted;
    await choose("reach-5", ["47003"]);
    expect((await json(await reach(admin, ["47003"]))).targeted).toBe(before + 1);
  });

  it("takes as many communes as an alert may name, beyond D1's 100 bound values", async () => {
    const many = ["47001", ...Array.from({ length: 150 }, () => "47002")];
    expect(await json(await reach(admin, many))).toEqual({ targeted: 3, communes: 2 });
  });

  it("refuses a commune of another province, naming it, and no commune at all", async () => {
    const other = await reach(admin, ["47001", "48001"]);
    expect(other.status).toBe(400);
    const body = await json(other);
    expect(body.error).toMatchObject({ code: "unknown_commune", field: "communes" });
    expect(body.error.message).toContain("48001");
    const none = await reach(admin, []);
    expect(none.status).toBe(400);
    expect((await json(none)).error.message).toBe("Vui lòng chọn ít nhất một xã, phường.");
  });

  it("is for those who may send alerts: an officer without the right and a citizen are refused", async () => {
    expect((await reach(officer, ["47001"])).status).toBe(403);
    const citizen = await signIn(X.province, X.app, "reach-1");
    expect((await reach(citizen, ["47001"])).status).toBe(403);
  });
});

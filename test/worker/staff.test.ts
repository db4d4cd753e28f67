import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { call, createProvince, intake, integration, json, sendEvents, type Client } from "./helpers";
import { asCitizen, connectZalo, signIn } from "./zalo-helpers";

const X = { province: "staff-x", agency: "000.00.41.H41", app: "4100000001" };
const Y = { province: "staff-y", agency: "000.00.42.H42", app: "4200000001" };
let clientX: Client;
let clientY: Client;

async function linkCode(client: Client, officerId: string) {
  const res = await integration(client, "POST", `/v1/integration/officers/${officerId}/link-code`);
  return { status: res.status, body: await json(res) };
}

async function putOfficer(client: Client, id: string, departmentId: string, role?: string) {
  const res = await integration(client, "PUT", `/v1/integration/officers/${id}`, {
    displayName: `Cán bộ ${id}`,
    title: "Chuyên viên",
    departmentId,
    ...(role ? { role } : {}),
  });
  if (res.status !== 200) throw new Error(`officer: ${res.status} ${await res.text()}`);
}

beforeAll(async () => {
  clientX = await createProvince(X.province, X.agency);
  clientY = await createProvince(Y.province, Y.agency);
  await connectZalo(X.province, X.app);
  await connectZalo(Y.province, Y.app);
  const put = async (client: Client, path: string, body: unknown) => {
    const res = await integration(client, "PUT", path, body);
    if (res.status !== 200) throw new Error(`${path}: ${res.status}`);
  };
  await put(clientX, "/v1/integration/departments/dp-other", { agencyId: X.agency, name: "Phòng Tài nguyên và Môi trường" });
  await putOfficer(clientX, "cb-head", `tp-${X.agency}`, "department_head");
  await putOfficer(clientX, "cb-admin", `tp-${X.agency}`, "province_admin");
  await putOfficer(clientX, "cb-other", "dp-other");
  // Dossiers: two for the createProvince officer, one for cb-other in another department, one in province Y.
  await sendEvents(clientX, [intake(X.agency), intake(X.agency), intake(X.agency, { departmentId: "dp-other", officerId: "cb-other" })]);
  await sendEvents(clientY, [intake(Y.agency)]);
});

describe("link codes from the one-stop system", () => {
  it("are 8 digits, valid 15 minutes, only for the client's own officers, and need a signature", async () => {
    const issued = await linkCode(clientX, `cb-${X.agency}`);
    expect(issued.status).toBe(201);
    expect(issued.body.code).toMatch(/^\d{8}$/);
    const ttl = Date.parse(issued.body.expiresAt) - Date.now();
    expect(ttl).toBeGreaterThan(14 * 60_000);
    expect(ttl).toBeLessThanOrEqual(15 * 60_000);
    // Only a keyed hash is stored.
    const stored = await env.DB.prepare("SELECT code_hash FROM staff_link_codes").all<{ code_hash: string }>();
    expect(stored.results.some((r) => r.code_hash.includes(issued.body.code))).toBe(false);

    expect((await linkCode(clientY, `cb-${X.agency}`)).status).toBe(404);
    expect((await call(`/v1/integration/officers/cb-${X.agency}/link-code`, { method: "POST" })).status).toBe(401);
  });
});

describe("linking a Zalo account", () => {
  it("links the officer; the staff area exists only for linked accounts", async () => {
    const citizen = await signIn(X.province, X.app, "officer-lan");
    expect((await asCitizen(citizen, "/v1/staff/me")).status).toBe(403);
    expect((await json(await asCitizen(citizen, "/v1/me"))).staff).toBeNull();

    const { body } = await linkCode(clientX, `cb-${X.agency}`);
    const linked = await asCitizen(citizen, "/v1/staff/link", "POST", { code: body.code });
    expect(linked.status).toBe(200);
    expect(await json(linked)).toMatchObject({
      provinceId: X.province,
      officerId: `cb-${X.agency}`,
      displayName: "Nguyễn Thị Lan",
      role: "officer",
      department: { id: `tp-${X.agency}`, name: "Phòng Tư pháp" },
    });
    expect((await json(await asCitizen(citizen, "/v1/me"))).staff).toMatchObject({ officerId: `cb-${X.agency}` });

    // Used once only.
    const again = await asCitizen(await signIn(X.province, X.app, "someone-else"), "/v1/staff/link", "POST", { code: body.code });
    expect(again.status).toBe(403);
    expect((await json(again)).error.message).toMatch(/Mã liên kết không đúng hoặc đã hết hạn/);
  });

  it("refuses an expired code, and a code of another province", async () => {
    const { body } = await linkCode(clientX, "cb-other");
    await env.DB.prepare("UPDATE staff_link_codes SET expires_at = ? WHERE officer_id = 'cb-other' AND used_at IS NULL")
      .bind(new Date(Date.now() - 1000).toISOString())
      .run();
    const citizen = await signIn(X.province, X.app, "officer-late");
    expect((await asCitizen(citizen, "/v1/staff/link", "POST", { code: body.code })).status).toBe(403);

    const fresh = await linkCode(clientX, "cb-other");
    const fromY = await signIn(Y.province, Y.app, "officer-y");
    expect((await asCitizen(fromY, "/v1/staff/link", "POST", { code: fresh.body.code })).status).toBe(403);
    expect((await asCitizen(fromY, "/v1/staff/me")).status).toBe(403);
  });

  it("throttles wrong codes", async () => {
    const citizen = await signIn(X.province, X.app, "guesser");
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) statuses.push((await asCitizen(citizen, "/v1/staff/link", "POST", { code: `0000000${i}` })).status);
    expect(statuses).toEqual([403, 403, 403, 403, 403, 429]);
    // Even the right code waits out the window.
    const { body } = await linkCode(clientX, "cb-head");
    expect((await asCitizen(citizen, "/v1/staff/link", "POST", { code: body.code })).status).toBe(429);
  });

  it("a new phone takes over the officer's link; unlinking removes the staff area", async () => {
    const oldPhone = await signIn(X.province, X.app, "head-old");
    const newPhone = await signIn(X.province, X.app, "head-new");
    await asCitizen(oldPhone, "/v1/staff/link", "POST", { code: (await linkCode(clientX, "cb-head")).body.code });
    expect((await asCitizen(oldPhone, "/v1/staff/me")).status).toBe(200);
    await asCitizen(newPhone, "/v1/staff/link", "POST", { code: (await linkCode(clientX, "cb-head")).body.code });
    expect((await asCitizen(newPhone, "/v1/staff/me")).status).toBe(200);
    expect((await asCitizen(oldPhone, "/v1/staff/me")).status).toBe(403);
    expect((await asCitizen(newPhone, "/v1/staff/link", "DELETE")).status).toBe(204);
    expect((await asCitizen(newPhone, "/v1/staff/me")).status).toBe(403);
  });

  it("bad input gets a Vietnamese 400", async () => {
    const citizen = await signIn(X.province, X.app, "typo");
    for (const code of ["1234", "abcdefgh", 12345678, ""]) {
      const res = await asCitizen(citizen, "/v1/staff/link", "POST", { code });
      expect(res.status).toBe(400);
      expect((await json(res)).error.message).toMatch(/Mã liên kết|mã liên kết/);
    }
  });
});

describe("roles decide which dossiers the staff area lists, always inside the officer's province", () => {
  async function linkedAs(officerId: string, user: string) {
    const session = await signIn(X.province, X.app, user);
    const res = await asCitizen(session, "/v1/staff/link", "POST", { code: (await linkCode(clientX, officerId)).body.code });
    if (res.status !== 200) throw new Error(`link ${officerId}: ${res.status}`);
    return session;
  }
  const codes = async (session: string) => {
    const body = await json(await asCitizen(session, "/v1/staff/dossiers"));
    return {
      scope: body.scope as string,
      agencies: new Set(body.dossiers.map((d: { agency: { id: string } }) => d.agency.id)),
      count: body.dossiers.length as number,
      officers: new Set(body.dossiers.map((d: { officer: { id: string } | null }) => d.officer?.id)),
    };
  };

  it("officer: their own; department head: the department's; province admin: the province's", async () => {
    const officer = await codes(await linkedAs(`cb-${X.agency}`, "role-officer"));
    expect(officer).toMatchObject({ scope: "officer", count: 2 });
    expect([...officer.officers]).toEqual([`cb-${X.agency}`]);
    const head = await codes(await linkedAs("cb-head", "role-head"));
    expect(head).toMatchObject({ scope: "department", count: 2 });
    const admin = await codes(await linkedAs("cb-admin", "role-admin"));
    expect(admin).toMatchObject({ scope: "province", count: 3 });
    expect([...admin.agencies]).toEqual([X.agency]);
  });
});

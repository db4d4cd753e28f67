import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { admin, call, createProvince, intake, integration, json, sendEvents, type Client } from "./helpers";

// Province A's agencies end with H15, B's with H16. B has registered one agency; its others are not used yet.
const AGENCY_A = "000.00.05.H15";
const AGENCY_B = "000.00.06.H16";
const UNUSED_OF_B = "000.00.09.H16";
let a: Client;
let b: Client;

beforeAll(async () => {
  a = await createProvince("squat-a", AGENCY_A);
  b = await createProvince("squat-b", AGENCY_B);
});

/** The operator onboarding a province, with `extra` fields such as its unit code. */
const putProvince = (id: string, extra: Record<string, string> = {}) =>
  admin(`/v1/admin/provinces/${id}`, "PUT", {
    name: `Tỉnh ${id}`,
    shortName: id,
    channelName: `Dịch vụ công ${id}`,
    primaryColor: "#b3261e",
    accentColor: "#f4b400",
    ...extra,
  });

const count = async (sql: string, ...binds: string[]) =>
  (
    await env.DB.prepare(sql)
      .bind(...binds)
      .first<{ n: number }>()
  )?.n ?? 0;

describe("a province cannot claim another province's agencies or codes", () => {
  it("refuses registering an agency that carries another province's unit code, and writes nothing", async () => {
    const res = await integration(a, "PUT", `/v1/integration/agencies/${UNUSED_OF_B}`, { name: "Chiếm chỗ" });
    expect(res.status).toBe(403);
    const { error } = await json(res);
    expect(error.code).toBe("forbidden");
    expect(error.field).toBe("agencyId");
    expect(error.detail).toContain("H16");
    expect(await count("select count(*) n from agencies where id = ?", UNUSED_OF_B)).toBe(0);
    // The rightful province registers it afterwards.
    const own = await integration(b, "PUT", `/v1/integration/agencies/${UNUSED_OF_B}`, { name: "Bộ phận một cửa huyện" });
    expect(own.status).toBe(200);
  });

  it("refuses a new dossier code of another province's agency, even filed under its own agency", async () => {
    const squat = { ...intake(AGENCY_A), id: "squat-code" };
    const code = squat.dossierCode.replace(AGENCY_A, "000.00.07.H16");
    const { results } = await sendEvents(a, [{ ...squat, dossierCode: code }], ["rejected"]);
    expect(results[0]!.error).toMatchObject({ code: "forbidden", status: 403 });
    expect(await count("select count(*) n from dossier_events where dossier_code = ?", code)).toBe(0);
    expect((await call(`/v1/dossiers/${code}`)).status).toBe(404);
    // B's own system may still use the code once it registers the agency.
    await integration(b, "PUT", "/v1/integration/agencies/000.00.07.H16", { name: "UBND xã" });
    await sendEvents(b, [{ ...intake("000.00.07.H16"), id: "rightful-code", dossierCode: code, departmentId: undefined, officerId: undefined }]);
    const view = await json(await call(`/v1/dossiers/${code}`));
    expect(view.agency.name).toBe("UBND xã");
  });

  it("still registers its own agencies and identifiers that carry no province", async () => {
    expect((await integration(a, "PUT", "/v1/integration/agencies/000.00.31.H15", { name: "Phòng một cửa" })).status).toBe(200);
    expect((await integration(a, "PUT", "/v1/integration/agencies/TTHC-LOCAL.01", { name: "Điểm tiếp nhận" })).status).toBe(200);
  });

  it("a province without a unit code cannot register national identifiers until the operator sets it", async () => {
    const res = await putProvince("squat-c");
    expect(res.status).toBe(200);
    const created = await json<Client>(await admin("/v1/admin/provinces/squat-c/integration-clients", "POST", { name: "C" }));
    const refused = await integration(created, "PUT", "/v1/integration/agencies/000.00.01.H17", { name: "x" });
    expect(refused.status).toBe(403);
    expect((await json(refused)).error.detail).toContain("no unit code");
  });

  it("gives a unit code to one province only", async () => {
    const res = await putProvince("squat-d", { agencyCode: "h16" });
    expect(res.status).toBe(409);
    expect((await json(res)).error).toMatchObject({ code: "agency_code_taken", field: "agencyCode" });
    expect(await count("select count(*) n from provinces where id = ?", "squat-d")).toBe(0);
  });
});

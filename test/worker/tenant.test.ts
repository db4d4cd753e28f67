import { beforeAll, describe, expect, it } from "vitest";
import { call, createProvince, intake, integration, json, sendEvents, vnTime, type Client } from "./helpers";

const AGENCY_A = "000.00.05.H05";
const AGENCY_B = "000.00.06.H06";
let a: Client;
let b: Client;
let dossierOfB: ReturnType<typeof intake>;

beforeAll(async () => {
  a = await createProvince("tenant-a", AGENCY_A);
  b = await createProvince("tenant-b", AGENCY_B);
  dossierOfB = intake(AGENCY_B);
  await sendEvents(b, [dossierOfB]);
});

describe("a client of province A in province B", () => {
  it("reading B's dossier, slip and printable slip gets the 403 any code of B's agencies gets: nothing tells it exists", async () => {
    const unused = intake(AGENCY_B).dossierCode;
    for (const suffix of ["", "/slip", "/slip.svg"]) {
      const theirs = await integration(a, "GET", `/v1/integration/dossiers/${dossierOfB.dossierCode}${suffix}`);
      const nobodys = await integration(a, "GET", `/v1/integration/dossiers/${unused}${suffix}`);
      expect(theirs.status, suffix).toBe(403);
      expect(nobodys.status, suffix).toBe(403);
      const [theirBody, nobodysBody] = [await theirs.text(), await nobodys.text()];
      expect(theirBody.replace(dossierOfB.dossierCode, "CODE")).toBe(nobodysBody.replace(unused, "CODE"));
      expect(JSON.parse(theirBody).error.code).toBe("outside_province");
    }
  });

  it("reading its own province's unused code gets 404, and B reads its own dossier", async () => {
    expect((await integration(a, "GET", `/v1/integration/dossiers/${intake(AGENCY_A).dossierCode}`)).status).toBe(404);
    expect((await integration(b, "GET", `/v1/integration/dossiers/${dossierOfB.dossierCode}`)).status).toBe(200);
  });

  it("does not see B's dossiers in its listing", async () => {
    const { dossiers } = await json(await integration(a, "GET", "/v1/integration/dossiers?limit=500"));
    expect(dossiers.map((d: { code: string }) => d.code)).not.toContain(dossierOfB.dossierCode);
    const own = await json(await integration(b, "GET", "/v1/integration/dossiers?limit=500"));
    expect(own.dossiers.map((d: { code: string }) => d.code)).toContain(dossierOfB.dossierCode);
  });

  it("gets 403 for every event about B's dossiers, and B's dossier is unchanged", async () => {
    const code = dossierOfB.dossierCode;
    const at = vnTime(-60);
    const events = [
      { ...intake(AGENCY_B), id: "x-received" },
      { ...intake(AGENCY_A), id: "x-received-b-agency", agencyId: AGENCY_B },
      { id: "x-assigned", type: "dossier.assigned", occurredAt: at, dossierCode: code, departmentId: `tp-${AGENCY_A}` },
      { id: "x-status", type: "dossier.status_changed", occurredAt: at, dossierCode: code, status: 8 },
      { id: "x-supp", type: "dossier.supplement_requested", occurredAt: at, dossierCode: code, documents: ["x"], deadline: at },
      { id: "x-fee", type: "dossier.fee_requested", occurredAt: at, dossierCode: code, amountVnd: 1 },
      { id: "x-due", type: "dossier.due_changed", occurredAt: at, dossierCode: code, dueAt: at, reason: "x" },
      { id: "x-ready", type: "dossier.result_ready", occurredAt: at, dossierCode: code },
      { id: "x-returned", type: "dossier.returned", occurredAt: at, dossierCode: code },
      { id: "x-refused", type: "dossier.refused", occurredAt: at, dossierCode: code, reason: "x" },
      { id: "x-withdrawn", type: "dossier.withdrawn", occurredAt: at, dossierCode: code, reason: "x" },
      { id: "x-stopped", type: "dossier.stopped", occurredAt: at, dossierCode: code, reason: "x" },
    ];
    const { results } = await sendEvents(a, events, "any");
    for (const r of results) {
      expect(r.outcome, r.id).toBe("rejected");
      expect(r.error?.code, r.id).toBe("forbidden");
      expect((r.error as { status?: number }).status).toBe(403);
    }
    const still = await json(await integration(b, "GET", `/v1/integration/dossiers/${code}`));
    expect(still.status.code).toBe(2);
    expect(still.timeline).toHaveLength(1);
  });

  it("gets 403 writing reference data that belongs to B", async () => {
    const agency = await integration(a, "PUT", `/v1/integration/agencies/${AGENCY_B}`, { name: "Hijacked" });
    expect(agency.status).toBe(403);
    const department = await integration(a, "PUT", "/v1/integration/departments/x", { agencyId: AGENCY_B, name: "x" });
    expect(department.status).toBe(403);
    // B's agency kept its name and province.
    const agencies = await json(await call("/v1/provinces/tenant-b/agencies"));
    expect(agencies.agencies[0].name).not.toBe("Hijacked");
    const ofA = await json(await call("/v1/provinces/tenant-a/agencies"));
    expect(ofA.agencies.map((x: { id: string }) => x.id)).toEqual([AGENCY_A]);
  });

  it("writes departments, officers and procedures only into its own province", async () => {
    await integration(a, "PUT", "/v1/integration/procedures/9.999999", {
      name: "Thủ tục riêng của A",
      field: "Khác",
      documents: [],
      legalDays: 3,
      whereToFile: "A",
    });
    const inB = await call("/v1/provinces/tenant-b/procedures/9.999999");
    expect(inB.status).toBe(404);
    expect((await call("/v1/provinces/tenant-a/procedures/9.999999")).status).toBe(200);
  });
});

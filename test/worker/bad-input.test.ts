import { beforeAll, describe, expect, it } from "vitest";
import { ADMIN_TOKEN, call, createProvince, freshlySigned, intake, sendEvents, type Client } from "./helpers";

const AGENCY = "000.00.07.H07";
let client: Client;
let code: string;
beforeAll(async () => {
  client = await createProvince("bad-a", AGENCY);
  const received = intake(AGENCY);
  code = received.dossierCode;
  await sendEvents(client, [received]);
});

const VIETNAMESE = /[àáảãạăắằẳẵặâấầẩẫậđèéẻẽẹêếềểễệìíỉĩịòóỏõọôốồổỗộơớờởỡợùúủũụưứừửữựỳýỷỹỵ]/i;

type Case = {
  name: string;
  path: string;
  method?: string;
  raw?: string;
  contentType?: string | null;
  citizen: boolean;
  signed?: boolean;
  admin?: boolean;
  status?: number;
};

async function send(c: Case) {
  const headers: Record<string, string> = {};
  if (c.contentType !== null) headers["content-type"] = c.contentType ?? "application/json";
  if (c.signed) Object.assign(headers, await freshlySigned(client, c.method ?? "GET", c.path, c.raw ?? ""));
  if (c.contentType === null) delete headers["content-type"];
  if (c.admin) headers.authorization = `Bearer ${ADMIN_TOKEN}`;
  return call(c.path, { method: c.method ?? "GET", headers, body: c.raw, ip: "10.77.0.1" });
}

function cases(): Case[] {
  const citizen = (name: string, path: string, method = "GET", raw?: string, extra: Partial<Case> = {}): Case => ({
    name,
    path,
    method,
    raw,
    citizen: true,
    ...extra,
  });
  const signed = (name: string, path: string, method: string, raw?: string, extra: Partial<Case> = {}): Case => ({
    name,
    path,
    method,
    raw,
    citizen: false,
    signed: true,
    ...extra,
  });
  const admin = (name: string, path: string, method: string, raw?: string, extra: Partial<Case> = {}): Case => ({
    name,
    path,
    method,
    raw,
    citizen: false,
    admin: true,
    ...extra,
  });
  const unlock = `/v1/dossiers/${code}/unlock`;
  const cases: Case[] = [
    citizen("province id with bad characters", "/v1/provinces/Bad!Id"),
    citizen("unknown province", "/v1/provinces/no-such-province", "GET", undefined, { status: 404 }),
    citizen("agencies of unknown province", "/v1/provinces/no-such-province/agencies", "GET", undefined, { status: 404 }),
    citizen("procedure search too long", `/v1/provinces/bad-a/procedures?q=${"a".repeat(101)}`),
    citizen("unknown procedure", "/v1/provinces/bad-a/procedures/0.000000", "GET", undefined, { status: 404 }),
    citizen("dossier code with spaces inside", "/v1/dossiers/abc%20def"),
    citizen("dossier code too long", `/v1/dossiers/${"A".repeat(80)}`),
    citizen("token too long", `/v1/dossiers/${code}?t=${"a".repeat(65)}`),
    citizen("unlock malformed JSON", unlock, "POST", "{not json"),
    citizen("unlock wrong type", unlock, "POST", JSON.stringify({ idNumberLast4: 1234 })),
    citizen("unlock missing field", unlock, "POST", "{}"),
    citizen("unlock array body", unlock, "POST", "[]"),
    citizen("unlock without content type", unlock, "POST", JSON.stringify({ idNumberLast4: "1234" }), { contentType: null, status: 415 }),
    citizen("unlock body too large", unlock, "POST", JSON.stringify({ idNumberLast4: "1234", pad: "x".repeat(20_000) }), { status: 413 }),
    citizen("unknown route", "/v1/nothing-here", "GET", undefined, { status: 404 }),
    signed("events malformed JSON", "/v1/integration/events", "POST", '{"events": ['),
    signed("events not an array", "/v1/integration/events", "POST", JSON.stringify({ events: "many" })),
    signed("events missing", "/v1/integration/events", "POST", "{}"),
    signed("events empty", "/v1/integration/events", "POST", JSON.stringify({ events: [] })),
    signed("events of strings", "/v1/integration/events", "POST", JSON.stringify({ events: ["a"] })),
    signed("events as JSON null", "/v1/integration/events", "POST", "null"),
    signed("agency malformed JSON", `/v1/integration/agencies/${AGENCY}`, "PUT", "{"),
    signed("agency missing name", `/v1/integration/agencies/${AGENCY}`, "PUT", "{}"),
    signed("agency bad id", "/v1/integration/agencies/bad%20id", "PUT", JSON.stringify({ name: "x" })),
    signed("agency wrong level", `/v1/integration/agencies/${AGENCY}`, "PUT", JSON.stringify({ name: "x", level: 7 })),
    signed("department unknown agency", "/v1/integration/departments/d1", "PUT", JSON.stringify({ agencyId: "000.00.99.H99", name: "x" }), { status: 422 }),
    signed("department missing fields", "/v1/integration/departments/d1", "PUT", JSON.stringify({ name: 5 })),
    signed("officer unknown department", "/v1/integration/officers/o1", "PUT", JSON.stringify({ displayName: "x", departmentId: "nope" }), { status: 422 }),
    signed("officer wrong type", "/v1/integration/officers/o1", "PUT", JSON.stringify({ displayName: ["x"] })),
    signed(
      "procedure negative days",
      "/v1/integration/procedures/1.1",
      "PUT",
      JSON.stringify({ name: "x", field: "y", documents: [], legalDays: -1, whereToFile: "z" }),
    ),
    signed(
      "procedure documents not a list",
      "/v1/integration/procedures/1.1",
      "PUT",
      JSON.stringify({ name: "x", field: "y", documents: "all", legalDays: 1, whereToFile: "z" }),
    ),
    signed("slip of unknown dossier", `/v1/integration/dossiers/${AGENCY}-200101-0001/slip`, "GET", undefined, { status: 404 }),
    signed("listing with bad status", "/v1/integration/dossiers?status=11", "GET"),
    signed("listing with bad limit", "/v1/integration/dossiers?limit=0", "GET"),
    signed("integration unknown route", "/v1/integration/nothing", "GET", undefined, { status: 404 }),
    admin("province malformed", "/v1/admin/provinces/bad-b", "PUT", "{"),
    admin(
      "province bad colour",
      "/v1/admin/provinces/bad-b",
      "PUT",
      JSON.stringify({ name: "x", shortName: "x", channelName: "x", primaryColor: "red", accentColor: "#000000" }),
    ),
    admin("client missing name", "/v1/admin/provinces/bad-a/integration-clients", "POST", "{}"),
    admin("client of unknown province", "/v1/admin/provinces/nope/integration-clients", "POST", JSON.stringify({ name: "x" }), { status: 404 }),
    admin("revoke unknown key", "/v1/admin/integration-clients/nope", "DELETE", undefined, { status: 404 }),
  ];
  return cases;
}

describe("bad input never gets a 500", () => {
  it.each(cases().map((c) => [c.name, c] as const))("%s → 4xx with the error shape", async (_name, c) => {
    const res = await send(c);
    const text = await res.text();
    expect(res.status, text).toBeGreaterThanOrEqual(400);
    expect(res.status, text).toBeLessThan(500);
    if (c.status) expect(res.status, text).toBe(c.status);
    else if (![413, 415].includes(res.status)) expect(res.status, text).toBe(400);
    const body = JSON.parse(text);
    expect(typeof body.error.code).toBe("string");
    expect(typeof body.error.message).toBe("string");
    if (c.citizen) expect(body.error.message).toMatch(VIETNAMESE);
    else expect(body.error.message).not.toMatch(VIETNAMESE);
  });

  it("names the field that is wrong", async () => {
    const res = await send({ name: "", path: `/v1/dossiers/${code}/unlock`, method: "POST", raw: JSON.stringify({ idNumberLast4: "12" }), citizen: true });
    expect((await res.json<{ error: { field: string } }>()).error.field).toBe("idNumberLast4");
  });
});

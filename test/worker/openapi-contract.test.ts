import { beforeAll, describe, expect, it } from "vitest";
import { call, createProvince, intake, integration, json, sendEvents, type Client } from "./helpers";

type Operation = { security?: Record<string, string[]>[]; parameters?: { name: string; in: string }[] };
type Document = { paths: Record<string, Record<string, Operation>>; components: { securitySchemes: Record<string, unknown> } };

const AGENCY = "000.00.04.H14";
let doc: Document;
let client: Client;
let code: string;

beforeAll(async () => {
  client = await createProvince("contract-a", AGENCY);
  const received = intake(AGENCY);
  code = received.dossierCode;
  await sendEvents(client, [received]);
  doc = await json(await call("/v1/openapi.json"));
});

const operations = () =>
  Object.entries(doc.paths).flatMap(([path, methods]) => Object.entries(methods).map(([method, op]) => ({ path, method: method.toUpperCase(), op })));

/** A concrete URL for a documented path: a real dossier code, plausible ids for the rest. */
const concrete = (path: string) =>
  path.replace(/\{(\w+)\}/g, (_m, name: string) => (name === "code" ? code : name === "provinceId" ? "contract-a" : name === "id" ? "1" : "x1"));

describe("the OpenAPI document says who must prove what", () => {
  it("declares a security requirement on every operation that refuses an anonymous caller with 401, and only there", async () => {
    const checked: string[] = [];
    for (const [i, { path, method, op }] of operations().entries()) {
      const body = ["POST", "PUT"].includes(method) ? "{}" : undefined;
      // An address per operation: the failed-authentication throttle is tested on its own.
      const res = await call(concrete(path), { method, body, headers: body ? { "content-type": "application/json" } : {}, ip: `10.66.${i}.1` });
      const where = `${method} ${path} → ${res.status}`;
      if (res.status === 401) {
        expect(op.security?.length, where).toBeGreaterThan(0);
        checked.push(where);
      } else {
        expect(op.security ?? [], where).toEqual([]);
      }
      for (const requirement of op.security ?? [])
        for (const scheme of Object.keys(requirement)) expect(doc.components.securitySchemes, where).toHaveProperty(scheme);
    }
    // Every family of signed-in routes was reached: integration, operator, citizen and officer.
    for (const family of ["/v1/integration/", "/v1/admin/", "/v1/me", "/v1/staff/"])
      expect(
        checked.some((w) => w.includes(` ${family}`)),
        family,
      ).toBe(true);
  });

  it("names the three signed headers on every integration operation", () => {
    const integration = operations().filter((o) => o.path.startsWith("/v1/integration/"));
    expect(integration.length).toBeGreaterThan(5);
    for (const { path, method, op } of integration) {
      expect(op.security, `${method} ${path}`).toEqual([{ motcuaKey: [], motcuaTimestamp: [], motcuaSignature: [] }]);
    }
    expect(doc.components.securitySchemes.motcuaSignature).toMatchObject({ type: "apiKey", in: "header", name: "X-Motcua-Signature" });
  });
});

describe("a wrong method on a known path", () => {
  it("is 405 with Allow, in the error shape, in Vietnamese for citizens", async () => {
    const res = await call(`/v1/dossiers/${code}`, { method: "DELETE" });
    expect(res.status).toBe(405);
    expect(res.headers.get("allow")).toBe("GET, HEAD");
    const { error } = await json(res);
    expect(error.code).toBe("method_not_allowed");
    expect(error.message).toBe("Thao tác không được hỗ trợ.");
    expect(error.detail).toContain("DELETE");
  });

  it("is 405 in English on integration routes, once the request is signed", async () => {
    expect((await call("/v1/integration/events", { method: "GET" })).status).toBe(401);
    const res = await integration(client, "GET", "/v1/integration/events");
    expect(res.status).toBe(405);
    expect(res.headers.get("allow")).toBe("POST");
    const { error } = await json(res);
    expect(error.code).toBe("method_not_allowed");
    expect(error.message).toMatch(/^GET is not allowed on \/v1\/integration\/events/);
    const put = await call(`/v1/dossiers/${code}/unlock`, { method: "PUT" });
    expect(put.headers.get("allow")).toBe("POST");
  });

  it("leaves unknown paths 404", async () => {
    for (const path of ["/v1/nothing-here", `/v1/dossiers/${code}/nothing`, "/v1/integration/nothing"]) {
      const res = path.startsWith("/v1/integration/") ? await integration(client, "DELETE", path) : await call(path, { method: "DELETE" });
      expect(res.status, path).toBe(404);
      expect(res.headers.get("allow"), path).toBeNull();
      expect((await json(res)).error.code).toBe("not_found");
    }
  });
});

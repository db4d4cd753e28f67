import { beforeAll, describe, expect, it } from "vitest";
import { capJson, capXml, countRows, postCap, seedCommunes } from "./alerts-helpers";
import { type Client, call, createProvince, json, vnTime } from "./helpers";

const P = { province: "alerts-v", agency: "000.00.88.H88" };
const Q = { province: "alerts-w", agency: "000.00.89.H89" };
let client: Client;

beforeAll(async () => {
  client = await createProvince(P.province, P.agency);
  await createProvince(Q.province, Q.agency);
  await seedCommunes(P.province, [["16201", "Xã Thử Nghiệm"]]);
  await seedCommunes(Q.province, [["16301", "Xã Tỉnh Khác"]]);
});

async function refused(body: unknown, type = "application/json") {
  const before = await countRows("alerts");
  const res = await postCap(client, body, type);
  const answer = await json(res);
  expect(await countRows("alerts")).toBe(before);
  return { status: res.status, error: answer.error as { code: string; field?: string; message: string } };
}

/** The alert with one element removed, by its path in the JSON form. */
function without(path: string) {
  type Node = Record<string, unknown>;
  const alert = capJson({ communes: ["16201"] }) as unknown as Node;
  const keys = path.replace(/\[(\d+)\]/g, ".$1").split(".");
  let at = alert;
  for (const k of keys.slice(0, -1)) at = at[k] as Node;
  delete at[keys.at(-1)!];
  return alert;
}

const REQUIRED = [
  "identifier",
  "sender",
  "sent",
  "status",
  "msgType",
  "scope",
  "info",
  "info[0].category",
  "info[0].event",
  "info[0].urgency",
  "info[0].severity",
  "info[0].certainty",
  "info[0].headline",
  "info[0].area",
  "info[0].area[0].areaDesc",
  "info[0].area[0].geocode",
];

/** The same alert in XML, without the element named (written by hand: the server's writer plays no part). */
function xmlWithout(path: string): string {
  const { xml } = capXml({ communes: ["16201"] });
  const name = path
    .split(".")
    .at(-1)!
    .replace(/\[\d+\]$/, "");
  if (name === "info" || name === "area" || name === "geocode") return xml.replace(new RegExp(`<${name}>[\\s\\S]*</${name}>`), "");
  return xml.replace(new RegExp(`<${name}>[^<]*</${name}>`), "");
}

describe("each required element", () => {
  it.each(REQUIRED)("missing %s: 400 naming it, in both forms", async (path) => {
    const json = await refused(without(path));
    expect(json.status).toBe(400);
    expect(json.error.code).toBe("cap_invalid");
    expect(json.error.field).toBe(path);

    const xml = await refused(xmlWithout(path), "application/cap+xml");
    expect(xml.status).toBe(400);
    expect(xml.error.field).toBe(path);
  });
});

describe("values", () => {
  it("an enumeration outside CAP's names the element", async () => {
    const alert = capJson({ communes: ["16201"], severity: "Catastrophic" });
    expect((await refused(alert)).error).toMatchObject({ code: "cap_invalid", field: "info[0].severity" });
    const { xml } = capXml({ communes: ["16201"], msgType: "Warning" });
    expect((await refused(xml, "application/xml")).error).toMatchObject({ code: "cap_invalid", field: "msgType" });
  });

  it("expires before effective (or before sent) is refused", async () => {
    const before = capJson({ communes: ["16201"], effective: vnTime(60), expires: vnTime(30) });
    expect((await refused(before)).error).toMatchObject({ code: "cap_invalid", field: "info[0].expires" });
    const beforeSent = capJson({ communes: ["16201"], sent: vnTime(0), expires: vnTime(-10) });
    expect((await refused(beforeSent)).error).toMatchObject({ field: "info[0].expires" });
    // A day ahead but without its offset: refused for the missing offset, not for the time.
    const noOffset = capJson({ communes: ["16201"], expires: vnTime(24 * 60).slice(0, 19) });
    expect((await refused(noOffset)).error).toMatchObject({ field: "info[0].expires" });
  });

  it("a commune that is not the province's, or another province's, is refused by its geocode", async () => {
    const unknown = await refused(capJson({ communes: ["16201", "99999"] }));
    expect(unknown.status).toBe(400);
    expect(unknown.error).toMatchObject({ code: "cap_unknown_commune", field: "info[0].area[0].geocode[1].value" });
    const theirs = await refused(capJson({ communes: ["16301"] }));
    expect(theirs.error).toMatchObject({ code: "cap_unknown_commune", field: "info[0].area[0].geocode[0].value" });
  });

  it("an Update without references, or naming no alert, is refused", async () => {
    expect((await refused(capJson({ communes: ["16201"], msgType: "Update" }))).error).toMatchObject({ code: "cap_invalid", field: "references" });
    const nowhere = capJson({ communes: ["16201"], msgType: "Cancel", references: `x@y,never-sent,${vnTime(-60)}` });
    expect((await refused(nowhere)).error).toMatchObject({ code: "cap_unknown_reference", field: "references" });
    const garbled = capJson({ communes: ["16201"], msgType: "Update", references: "just-an-identifier" });
    expect((await refused(garbled)).error).toMatchObject({ code: "cap_invalid", field: "references" });
  });

  it("a Test or Exercise cannot change a real alert", async () => {
    const real = capJson({ communes: ["16201"] });
    expect((await postCap(client, real)).status).toBe(200);
    for (const status of ["Test", "Exercise"]) {
      const drill = capJson({ communes: ["16201"], msgType: "Cancel", status, references: `${real.sender},${real.identifier},${real.sent}` });
      expect((await refused(drill)).error).toMatchObject({ code: "cap_invalid", field: "status" });
    }
  });

  it("a polygon must be closed lat,lon pairs with at least 4 points; a good one is stored", async () => {
    const withPolygon = (polygon: string) => {
      const alert = capJson({ communes: ["16201"] });
      (alert.info[0]!.area[0] as Record<string, unknown>).polygon = [polygon];
      return alert;
    };
    const open = await refused(withPolygon("19.80,105.77 19.81,105.78 19.82,105.77 19.80,105.76"));
    expect(open.error).toMatchObject({ code: "cap_invalid", field: "info[0].area[0].polygon[0]" });
    expect((await refused(withPolygon("19.80,105.77 19.81,105.78 19.80,105.77"))).error.field).toBe("info[0].area[0].polygon[0]");
    expect((await refused(withPolygon("19.80;105.77 19.81,105.78 19.82,105.77 19.80;105.77"))).error.field).toBe("info[0].area[0].polygon[0]");
    const good = withPolygon("19.80,105.77 19.81,105.78 19.82,105.77 19.80,105.77");
    expect((await postCap(client, good)).status).toBe(200);
  });
});

describe("hostile XML", () => {
  const body = capXml({ communes: ["16201"] }).xml;
  const cases: [string, string, string][] = [
    ["a DOCTYPE", body.replace("<alert", "<!DOCTYPE alert [<!ELEMENT alert ANY>]>\n<alert"), "cap_doctype_forbidden"],
    ["an internal entity", body.replace("<alert", '<!DOCTYPE alert [<!ENTITY x "lũ">]>\n<alert').replace("Lũ quét", "&x;"), "cap_doctype_forbidden"],
    [
      "an external entity",
      body.replace("<alert", '<!DOCTYPE alert [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>\n<alert').replace("Lũ quét", "&xxe;"),
      "cap_doctype_forbidden",
    ],
    [
      "billion laughs",
      `<?xml version="1.0"?>\n<!DOCTYPE lolz [<!ENTITY lol "lol">${Array.from({ length: 9 }, (_, i) => `<!ENTITY lol${i + 1} "${`&lol${i || ""};`.repeat(10)}">`).join("")}]>\n<alert xmlns="urn:oasis:names:tc:emergency:cap:1.2"><identifier>&lol9;</identifier></alert>`,
      "cap_doctype_forbidden",
    ],
    ["an entity declared without a DOCTYPE", body.replace("<alert", '<!ENTITY x "y">\n<alert'), "cap_entity_forbidden"],
    ["an undeclared entity", body.replace("Lũ quét", "&nbsp;Lũ"), "cap_entity_forbidden"],
    ["an unclosed element", body.replace("</alert>", ""), "cap_xml_malformed"],
    ["another root", body.replace("urn:oasis:names:tc:emergency:cap:1.2", "urn:oasis:names:tc:emergency:cap:1.1"), "cap_invalid"],
  ];
  it.each(cases)("%s: 400, nothing expanded, nothing stored", async (_name, xml, code) => {
    const started = Date.now();
    const answer = await refused(xml, "application/cap+xml");
    expect(answer.status).toBe(400);
    expect(answer.error.code).toBe(code);
    expect(answer.error.message).not.toContain("lollol");
    expect(Date.now() - started).toBeLessThan(5000);
  });

  it("nesting and size are bounded", async () => {
    const deep = body.replace("<headline>", `${"<x>".repeat(50)}${"</x>".repeat(50)}<headline>`);
    expect((await refused(deep, "application/cap+xml")).error.code).toBe("cap_xml_malformed");
    const long = body.replace("</instruction>", `</instruction><note>${"a".repeat(150_000)}</note>`);
    expect((await refused(long, "application/cap+xml")).error.code).toBe("cap_xml_malformed");
  });

  it("character references and the predefined entities are read", async () => {
    const { identifier, xml } = capXml({ communes: ["16201"], headline: "placeholder" });
    const res = await postCap(client, xml.replace("placeholder", "L&#361; qu&#xE9;t &amp; &lt;s&#7841;t l&#7903;&gt;"), "application/cap+xml");
    expect(res.status).toBe(200);
    const listed = await json(await call(`/v1/provinces/${P.province}/alerts`));
    expect(listed.alerts.find((a: { identifier: string }) => a.identifier === identifier).headline).toBe("Lũ quét & <sạt lở>");
  });
});

describe("content types", () => {
  it("anything but CAP XML, XML or JSON is 415", async () => {
    for (const type of ["text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x"]) {
      const res = await postCap(client, capXml({ communes: ["16201"] }).xml, type);
      expect(res.status, type).toBe(415);
      expect((await json(res)).error.code).toBe("unsupported_media_type");
    }
  });

  it("malformed JSON is 400, never 500", async () => {
    const res = await postCap(client, '{"identifier": ', "application/json");
    expect(res.status).toBe(400);
  });
});

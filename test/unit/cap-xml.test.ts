import { describe, expect, it } from "vitest";
import { CapError, validateCap } from "../../worker/src/domain/cap";
import { capFromXml, readXml } from "../../worker/src/domain/cap-xml-read";
import { atomFeed, capToXml } from "../../worker/src/domain/cap-xml-write";

const NS = "urn:oasis:names:tc:emergency:cap:1.2";

function refusal(work: () => unknown): CapError {
  try {
    work();
  } catch (err) {
    if (err instanceof CapError) return err;
    throw err;
  }
  throw new Error("not refused");
}

const alert = {
  identifier: "TH-1",
  sender: "a@b.vn",
  sent: "2026-11-23T09:30:00+07:00",
  status: "Actual",
  msgType: "Alert",
  scope: "Public",
  note: 'Ghi chú <b> & "trích dẫn" \u0001 \ud800',
  code: ["vn-1", "vn-2"],
  info: [
    {
      language: "en-US",
      category: ["Met", "Safety"],
      event: "Flood",
      urgency: "Immediate",
      severity: "Extreme",
      certainty: "Observed",
      headline: "Flood",
      area: [{ areaDesc: "Ward", geocode: [{ valueName: "ma_xa", value: "15853" }] }],
    },
    {
      language: "vi-VN",
      category: ["Met"],
      event: "Lũ",
      urgency: "Immediate",
      severity: "Extreme",
      certainty: "Observed",
      headline: "Lũ & <sạt lở>",
      parameter: [{ valueName: "mực nước", value: "3,2 m" }],
      expires: "2026-11-24T09:30:00+07:00",
      area: [
        { areaDesc: "Phường A", polygon: ["19.8,105.7 19.9,105.8 19.7,105.9 19.8,105.7"], geocode: [{ valueName: "ma_xa", value: "15853" }] },
        {
          areaDesc: "Xã B",
          geocode: [
            { valueName: "other", value: "x" },
            { valueName: "ma_xa", value: "15854" },
          ],
        },
      ],
    },
  ],
};

describe("CAP XML", () => {
  it("writes what it reads back: every element, in order, escaped, with characters XML cannot carry replaced", () => {
    const xml = capToXml(validateCap(alert));
    const back = validateCap(capFromXml(readXml(xml)));
    expect(back).toEqual(validateCap({ ...alert, note: 'Ghi chú <b> & "trích dẫn" \ufffd \ufffd' }));
  });

  it("reads prefixed CAP elements, comments and CDATA, and passes over other namespaces and resources", () => {
    const xml = `<?xml version="1.0" encoding="utf-8"?><!-- c --><cap:alert xmlns:cap="${NS}"><cap:identifier><![CDATA[X<1>]]></cap:identifier>
      <sig:Signature xmlns:sig="http://www.w3.org/2000/09/xmldsig#"><sig:x/></sig:Signature></cap:alert>`;
    expect(capFromXml(readXml(xml))).toEqual({ identifier: "X<1>" });
    const resource = `<alert xmlns="${NS}"><info><resource><resourceDesc>map</resourceDesc></resource><event>E</event></info></alert>`;
    expect(capFromXml(readXml(resource))).toEqual({ info: [{ event: "E" }] });
  });

  it.each([
    ["two roots", `<alert xmlns="${NS}"/><alert xmlns="${NS}"/>`, "cap_xml_malformed"],
    ["text outside the root", `<alert xmlns="${NS}"/>x`, "cap_xml_malformed"],
    ["a mismatched close", `<alert xmlns="${NS}"><sent></sender></alert>`, "cap_xml_malformed"],
    ["a character reference to NUL", `<alert xmlns="${NS}"><note>&#0;</note></alert>`, "cap_xml_malformed"],
    ["a bare ampersand", `<alert xmlns="${NS}"><note>a & b</note></alert>`, "cap_xml_malformed"],
    ["a processing instruction", `<alert xmlns="${NS}"><?php x ?></alert>`, "cap_xml_malformed"],
    ["an undeclared prefix", `<x:alert/>`, "cap_xml_malformed"],
    ["UTF-16 declared", `<?xml version="1.0" encoding="UTF-16"?><alert xmlns="${NS}"/>`, "cap_xml_malformed"],
    ["a doctype in lower case", `<!doctype alert><alert xmlns="${NS}"/>`, "cap_doctype_forbidden"],
  ])("refuses %s", (_name, xml, code) => {
    expect(refusal(() => readXml(xml)).code).toBe(code);
  });

  it.each([
    ["an element CAP does not have", `<alert xmlns="${NS}"><colour>red</colour></alert>`, "colour"],
    ["a single element twice", `<alert xmlns="${NS}"><sent>a</sent><sent>b</sent></alert>`, "sent"],
    ["elements inside text", `<alert xmlns="${NS}"><info><event><b>x</b></event></info></alert>`, "info[0].event"],
    [
      "a geocode with a third part",
      `<alert xmlns="${NS}"><info><area><geocode><valueName>ma_xa</valueName><unit>x</unit></geocode></area></info></alert>`,
      "info[0].area[0].geocode[0].unit",
    ],
  ])("names the element for %s", (_name, xml, field) => {
    expect(refusal(() => capFromXml(readXml(xml))).field).toBe(field);
  });

  it("the Atom feed is well-formed whatever the titles hold", () => {
    const feed = atomFeed({
      id: "https://x/alerts.cap",
      title: "Cảnh báo <&>",
      updated: "2026-11-23T02:30:00.000Z",
      selfUrl: "https://x/alerts.cap?a=1&b=2",
      entries: [{ id: "e1", title: 'A "quoted" </entry>', updated: "2026-11-23T02:30:00.000Z", summary: "\u0000", capUrl: "https://x/1/cap?x=<", author: "a" }],
    });
    const root = readXml(feed);
    const entry = root.children.find((c) => c.name === "entry")!;
    expect(entry.children.find((c) => c.name === "title")!.text).toBe('A "quoted" </entry>');
    expect(entry.children.find((c) => c.name === "link")!.attributes.href).toBe("https://x/1/cap?x=<");
    expect(root.children.find((c) => c.name === "link")!.attributes.href).toBe("https://x/alerts.cap?a=1&b=2");
  });
});

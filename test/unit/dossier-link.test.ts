import { describe, expect, it } from "vitest";
import { dossierPath, parseDossierQuery, parseScanContent, parseTypedCode, sameDossierCode } from "../../miniapp/src/domain/dossier-link";

const APP_ID = "3423478865165961046";
const context = { miniAppIds: [APP_ID], appOrigin: "http://localhost:5173" };
const CODE = "000.00.06.H56-231027-0361";

describe("scanning a slip's QR", () => {
  it("opens the dossier with its slip token from our Zalo deep link", () => {
    const qr = `https://zalo.me/s/${APP_ID}/dossier?code=${CODE}&t=Qm9hXz1kN2Jm4c2A`;
    expect(parseScanContent(qr, context)).toEqual({ kind: "dossier", code: CODE, token: "Qm9hXz1kN2Jm4c2A" });
  });

  it("reads an encoded code and normalises its case", () => {
    const qr = `https://zalo.me/s/${APP_ID}/dossier?code=${encodeURIComponent(CODE.toLowerCase())}&t=abcdEFGH1234_-xy`;
    expect(parseScanContent(qr, context)).toEqual({ kind: "dossier", code: CODE, token: "abcdEFGH1234_-xy" });
  });

  it("accepts the same link as Zalo serves it (h5.zdn.vn/zapps/<id>/dossier)", () => {
    const qr = `https://h5.zdn.vn/zapps/${APP_ID}/dossier?code=${CODE}&t=Qm9hXz1kN2Jm4c2A`;
    expect(parseScanContent(qr, context)).toMatchObject({ kind: "dossier", code: CODE });
  });

  it("accepts a link to this app's own /dossier page (local development, a shared link)", () => {
    expect(parseScanContent(`http://localhost:5173/dossier?code=${CODE}`, context)).toEqual({ kind: "dossier", code: CODE });
  });

  it("keeps the code and sets a damaged token aside, so the public view opens and the page can say why", () => {
    const qr = `https://zalo.me/s/${APP_ID}/dossier?code=${CODE}&t=bad token!`;
    expect(parseScanContent(qr, context)).toEqual({ kind: "dossier", code: CODE, brokenToken: "bad token!" });
  });

  it("accepts a QR that holds the bare code, with stray spaces", () => {
    expect(parseScanContent(`  ${CODE}\n`, context)).toEqual({ kind: "dossier", code: CODE });
    expect(parseScanContent("000.00.06.H56 - 231027 - 0361", context)).toEqual({ kind: "dossier", code: CODE });
  });

  it("calls another mini app's link foreign, even on the dossier path", () => {
    expect(parseScanContent(`https://zalo.me/s/999/dossier?code=${CODE}`, context)).toEqual({ kind: "foreign" });
  });

  it("accepts any mini app id while the province's id is not known yet", () => {
    expect(parseScanContent(`https://zalo.me/s/999/dossier?code=${CODE}`, {})).toMatchObject({ kind: "dossier" });
  });

  it.each([
    ["a web page", "https://example.com/dossier?code=000.00.06.H56-231027-0361"],
    ["our mini app, another page", `https://zalo.me/s/${APP_ID}/news?id=3`],
    ["our dossier page without a code", `https://zalo.me/s/${APP_ID}/dossier`],
    ["a Zalo profile", "https://zalo.me/0912345678"],
    ["Wi-Fi settings", "WIFI:S:Cafe;T:WPA;P:12345678;;"],
    ["a phone number", "tel:0912345678"],
    ["a bank transfer (VietQR)", "00020101021238570010A000000727012700069704220113VQRQ00012345670208QRIBFTTA53037045802VN6304ABCD"],
    ["a product barcode", "8934563138165"],
    ["plain words", "Xin chào bà con"],
    ["a javascript: URL", "javascript:alert(1)"],
    ["a broken URL", "https://"],
  ])("calls %s foreign", (_what, content) => {
    expect(parseScanContent(content, context)).toEqual({ kind: "foreign" });
  });

  it.each([
    ["nothing", ""],
    ["blanks", "  \n\t "],
    ["null (a scanner that returned nothing)", null],
  ])("calls %s empty", (_what, content) => {
    expect(parseScanContent(content, context)).toEqual({ kind: "empty" });
  });

  it("rejects huge or binary garbage without throwing", () => {
    expect(parseScanContent("x".repeat(10_000), context)).toEqual({ kind: "foreign" });
    expect(parseScanContent("\u0000\u0001\u00ff\ufffd%%%", context)).toEqual({ kind: "foreign" });
    expect(parseScanContent("https://zalo.me/s/%E0%A4%A/dossier?code=%E0%A4%A", context)).toEqual({ kind: "foreign" });
  });
});

describe("typing a code", () => {
  it("trims, drops spaces and upper-cases", () => {
    expect(parseTypedCode(" 000.00.06.h56-231027-0361 ", context)).toEqual({ kind: "dossier", code: CODE });
  });

  it("reads a code typed without dots or dashes, with an O for a zero, as the real code", () => {
    expect(parseTypedCode("0000006H562310270361", context)).toEqual({ kind: "dossier", code: CODE });
    expect(parseTypedCode("OOO OO O6 h56 231027 O361", context)).toEqual({ kind: "dossier", code: CODE });
    expect(parseTypedCode(`Mã hồ sơ: ${CODE}`, context)).toEqual({ kind: "dossier", code: CODE });
  });

  it("sends a compact code it cannot re-dot itself as typed: the API answers with the real one", () => {
    expect(parseTypedCode("000002412H562611270392", context)).toEqual({ kind: "dossier", code: "000002412H562611270392" });
  });

  it("accepts codes the API may know outside the national shape", () => {
    expect(parseTypedCode("HS-2024/0015", context)).toEqual({ kind: "dossier", code: "HS-2024/0015" });
  });

  it("treats a pasted slip link like a scan", () => {
    expect(parseTypedCode(`zalo.me/s/${APP_ID}/dossier?code=${CODE}&t=Qm9hXz1kN2Jm4c2A`, context)).toEqual({
      kind: "dossier",
      code: CODE,
      token: "Qm9hXz1kN2Jm4c2A",
    });
  });

  it("says a pasted foreign link is not ours", () => {
    expect(parseTypedCode("https://example.com", context)).toEqual({ kind: "foreign" });
  });

  it("says what is wrong with text that cannot be a code", () => {
    expect(parseTypedCode("", context)).toEqual({ kind: "empty" });
    expect(parseTypedCode("ab", context)).toEqual({ kind: "invalid_code" });
    expect(parseTypedCode("mã hồ sơ?", context)).toEqual({ kind: "invalid_code" });
  });
});

describe("the /dossier route's query", () => {
  it("reads the code and token of a deep link", () => {
    expect(parseDossierQuery(new URLSearchParams(`code=${CODE}&t=Qm9hXz1kN2Jm4c2A`))).toEqual({ code: CODE, token: "Qm9hXz1kN2Jm4c2A" });
  });

  it("sets aside a token cut short or garbled, and an empty one", () => {
    expect(parseDossierQuery(new URLSearchParams(`code=${CODE}&t=Qm9hX`))).toEqual({ code: CODE, brokenToken: "Qm9hX" });
    expect(parseDossierQuery(new URLSearchParams(`code=${CODE}&t=Qm9h%20Xz1k`))).toEqual({ code: CODE, brokenToken: "Qm9h Xz1k" });
    expect(parseDossierQuery(new URLSearchParams(`code=${CODE}&t=`))).toEqual({ code: CODE, brokenToken: "" });
    expect(parseDossierQuery(new URLSearchParams(`code=${CODE}`))).toEqual({ code: CODE });
  });

  it("reads the code of a link typed or shortened by hand as the real code", () => {
    expect(parseDossierQuery(new URLSearchParams("code=0000006h562310270361"))).toEqual({ code: CODE });
  });

  it("has no target without a valid code", () => {
    expect(parseDossierQuery(new URLSearchParams(""))).toBeNull();
    expect(parseDossierQuery(new URLSearchParams("code=<script>"))).toBeNull();
  });

  it("round-trips through dossierPath", () => {
    const path = dossierPath({ code: CODE, token: "Qm9hXz1kN2Jm4c2A" });
    expect(path.startsWith("/dossier?")).toBe(true);
    expect(parseDossierQuery(new URLSearchParams(path.split("?")[1]))).toEqual({ code: CODE, token: "Qm9hXz1kN2Jm4c2A" });
    expect(dossierPath({ code: CODE })).toBe(`/dossier?code=${CODE}`);
    // A broken token goes along, so the page opened says the link was damaged.
    const broken = dossierPath({ code: CODE, brokenToken: "Qm9hX" });
    expect(parseDossierQuery(new URLSearchParams(broken.split("?")[1]))).toEqual({ code: CODE, brokenToken: "Qm9hX" });
  });

  it("knows a code written with its dots and typed compact with an O are the same", () => {
    expect(sameDossierCode(CODE, "OOOOOO6H562310270361")).toBe(true);
    expect(sameDossierCode(CODE, "0000006H562310270362")).toBe(false);
  });
});

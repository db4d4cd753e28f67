import { describe, expect, it } from "vitest";
import { codeFromCompact, readCitizenCode } from "../../worker/src/domain/citizen-code";

const CODE = "000.00.06.H56-231027-0361";
const fullWidth = (text: string) => text.replace(/[0-9]/g, (d) => String.fromCharCode(0xff10 + Number(d)));

describe("reading a code as citizens type it", () => {
  it.each([
    ["as printed", CODE],
    ["without dots or dashes", "0000006H562310270361"],
    ["in lower case", "0000006h562310270361"],
    ["with spaces", " 000 00 06 H56 231027 0361 "],
    ["with spaces around the dashes", "000.00.06.H56 - 231027 - 0361"],
    ["with dashes only", "0000006H56-231027-0361"],
    ["with a letter O for every zero", "OOO.OO.O6.H56-231O27-O361"],
    ["with a lower-case o, compact", "oooooo6h56231o27o361"],
    ["with commas for dots", "000,00,06,H56-231027-0361"],
    ["with full-width digits", fullWidth(CODE)],
    ["with an en dash", "000.00.06.H56–231027–0361"],
    ["after a label", `Mã hồ sơ: ${CODE}`],
    ["after a label without a colon", `Mã hồ sơ ${CODE}`],
    ["after another label", `Số biên nhận: ${CODE}`],
    ["after a short label, unaccented", `ma hs: ${CODE}`],
    ["with a full stop after it", `${CODE}.`],
    ["with invisible characters pasted along", `\u200b${CODE}\ufeff`],
    ["with Telex's ô for a typed oo", "ÔO.Ô.O6.H56-231027-0361"],
  ])("%s", (_how, typed) => {
    expect(readCitizenCode(typed)).toEqual({ code: CODE });
  });

  it("reads O as 0 only where the code wants a digit: the province's letter stays a letter", () => {
    expect(readCitizenCode("000.00.06.O56-231027-0361")).toEqual({ code: "000.00.06.O56-231027-0361" });
    expect(readCitizenCode("0000006G1223102703OO")).toEqual({ code: "000.00.06.G12-231027-0300" });
  });

  it("turns no other look-alike into a digit", () => {
    expect(readCitizenCode("000.00.06.H56-231027-036I")).toEqual({ code: "000.00.06.H56-231027-036I" });
    expect(readCitizenCode("000.00.06.H56-231027-O36l")).toEqual({ code: "000.00.06.H56-231027-O36L" });
  });

  it("leaves a compact code of another shape to be resolved against known agencies", () => {
    expect(readCitizenCode("000002412H562611270392")).toEqual({ code: "000002412H562611270392", compact: "000002412H562611270392" });
    expect(readCitizenCode("000002412h56 261127 0392")).toEqual({ code: "000002412H562611270392", compact: "000002412H562611270392" });
    // An O in an identifier outside the national shape may be a letter: only the agency list can tell.
    expect(readCitizenCode("OOO.OO.24.12.H56-261127-0392")).toEqual({
      code: "OOO.OO.24.12.H56-261127-0392",
      compact: "OOOOO2412H562611270392",
    });
  });

  it("keeps a dotted code of another shape as it is, with O read as 0 in its date and counter", () => {
    expect(readCitizenCode("000.00.24.12.h56-26112O-O392")).toEqual({ code: "000.00.24.12.H56-261120-0392" });
  });

  it("keeps codes one-stop systems issue outside the national shape, typed whole", () => {
    expect(readCitizenCode("HS-2024/0015")).toEqual({ code: "HS-2024/0015" });
    expect(readCitizenCode("hs-2024/0015")).toEqual({ code: "HS-2024/0015" });
  });

  it.each([
    ["nothing", ""],
    ["blanks", "   "],
    ["two letters", "ab"],
    ["words with spaces", "abc def"],
    ["a label alone", "Mã hồ sơ?"],
    ["a label and nothing", "Mã hồ sơ: "],
    ["a sentence", "Xin chào bà con"],
    ["Wi-Fi settings", "WIFI:S:Cafe;T:WPA;P:12345678;;"],
    ["something very long", "0".repeat(300)],
    ["a long run of digits after a letter", `H${"1".repeat(80)}`],
  ])("says %s cannot be a code", (_what, typed) => {
    expect(readCitizenCode(typed)).toBeNull();
  });
});

describe("resolving a compact code against a known agency", () => {
  it("puts the agency's own dots back and the dashes around date and counter", () => {
    expect(codeFromCompact("000002412H562611270392", "000.00.24.12.H56")).toBe("000.00.24.12.H56-261127-0392");
  });

  it("accepts an O where the agency's identifier has a 0, and in the date and counter", () => {
    expect(codeFromCompact("OOOOO2412H5626112O0392", "000.00.24.12.H56")).toBe("000.00.24.12.H56-261120-0392");
  });

  it("never reads a 0 as a letter O, nor O as anything but 0", () => {
    expect(codeFromCompact("S0TPH562611270392", "SO.TP.H56")).toBeNull();
    expect(codeFromCompact("SOTPH562611270392", "SO.TP.H56")).toBe("SO.TP.H56-261127-0392");
    expect(codeFromCompact("000002412H5O2611270392", "000.00.24.12.H56")).toBeNull();
  });

  it("refuses another agency, an impossible date, or a counter of the wrong length", () => {
    expect(codeFromCompact("000002413H562611270392", "000.00.24.12.H56")).toBeNull();
    expect(codeFromCompact("000002412H562613270392", "000.00.24.12.H56")).toBeNull();
    expect(codeFromCompact("000002412H56261127039", "000.00.24.12.H56")).toBeNull();
    expect(codeFromCompact("000002412H562611270392123", "000.00.24.12.H56")).toBeNull();
  });
});

import { describe, expect, it } from "vitest";
import { crc16CcittFalse, readEmvFields, readFields, transferNote, vietQrPayload } from "../../worker/src/domain/vietqr";

/**
 * VietQR payloads published in public material, each decoded field by field and then rebuilt by our encoder from
 * those fields alone: the rebuilt payload, CRC included, must be the published one character for character.
 */
const PUBLISHED = [
  {
    where: "viet_qr_pay (PHP) README, decoding example: ACB, 1,000 đồng, 'Chuyen tien'",
    payload: "00020101021238530010A0000007270123000697041601092576788590208QRIBFTTA5303704540410005802VN62150811Chuyen tien6304BBB8",
    fields: { bankBin: "970416", accountNumber: "257678859", amountVnd: 1000, note: "Chuyen tien" },
  },
  {
    where: "viet_qr_pay (PHP) README, static code without amount",
    payload: "00020101021138530010A0000007270123000697041601092576788590208QRIBFTTA53037045802VN6304AE9F",
    fields: { bankBin: "970416", accountNumber: "257678859" },
  },
  {
    where: "a decoder's sample: Agribank, static",
    payload: "00020101021138570010A00000072701270006970405011322082054793800208QRIBFTTA53037045802VN630497A6",
    fields: { bankBin: "970405", accountNumber: "2208205479380" },
  },
  {
    where: "a payOS payment link's QR: MB, 2,000 đồng, a 20-character note, virtual account",
    payload: "00020101021238570010A000000727012700069704220113VQRQABRLS04480208QRIBFTTA5303704540420005802VN6224082018f8746b181045f0a2ce63040FC0",
    fields: { bankBin: "970422", accountNumber: "VQRQABRLS0448", amountVnd: 2000, note: "18f8746b181045f0a2ce" },
  },
];

const asObject = (fields: [string, string][]) => Object.fromEntries(fields);

describe("VietQR (NAPAS 247, EMVCo merchant-presented)", () => {
  for (const example of PUBLISHED) {
    it(`reads and rebuilds ${example.where}`, () => {
      const top = readEmvFields(example.payload);
      expect(top, "well formed, CRC right").not.toBeNull();
      const root = asObject(top!);
      expect(root["00"]).toBe("01");
      expect(root["01"]).toBe(example.fields.amountVnd ? "12" : "11");
      expect(root["53"]).toBe("704");
      expect(root["58"]).toBe("VN");
      expect(root["54"]).toBe(example.fields.amountVnd ? String(example.fields.amountVnd) : undefined);
      const account = asObject(readFields(root["38"]!)!);
      expect(account["00"]).toBe("A000000727");
      expect(account["02"]).toBe("QRIBFTTA");
      const beneficiary = asObject(readFields(account["01"]!)!);
      expect(beneficiary).toEqual({ "00": example.fields.bankBin, "01": example.fields.accountNumber });
      const note = root["62"] ? asObject(readFields(root["62"])!)["08"] : undefined;
      expect(note).toBe(example.fields.note);
      expect(root["63"]!.toUpperCase()).toBe(crc16CcittFalse(example.payload.slice(0, -4)));

      expect(vietQrPayload(example.fields)).toBe(example.payload.slice(0, -4) + example.payload.slice(-4).toUpperCase());
    });
  }

  it("computes CRC-16/CCITT-FALSE as the standard check value says", () => {
    expect(crc16CcittFalse("123456789")).toBe("29B1");
  });

  it("refuses a payload whose CRC or lengths are wrong", () => {
    const good = PUBLISHED[0]!.payload;
    expect(readEmvFields(good.slice(0, -1) + (good.endsWith("8") ? "9" : "8"))).toBeNull();
    expect(readEmvFields(good.replace("5303704", "5304704"))).toBeNull();
    // A hand-written sample seen in public code with a CRC that does not match its content.
    expect(readEmvFields("00020101021238540010A00000072701240006970422011009447998190208QRIBFTTA5303704540625000005802VN62060802Qr63044274")).toBeNull();
  });

  it("carries a dossier code as the transfer note, within the 25 characters banks take", () => {
    const payload = vietQrPayload({ bankBin: "970415", accountNumber: "113000068868", amountVnd: 18_800_000, note: "000.00.06.H56-261120-0392" });
    const root = asObject(readEmvFields(payload)!);
    expect(root["54"]).toBe("18800000");
    expect(asObject(readFields(root["62"]!)!)["08"]).toBe("000.00.06.H56-261120-0392");
    expect(transferNote("000.00.06.H56-261120-0392")).toBe("000.00.06.H56-261120-0392");
    expect(transferNote("000.00.06.13.H56-261120-000392")).toBe("000000613H56-261120-000392".slice(0, 25));
    expect(transferNote("Nộp lệ phí hồ sơ: Đ-01")).toBe("Nop le phi ho so D-01");
  });

  it("refuses what a bank transfer cannot carry", () => {
    expect(() => vietQrPayload({ bankBin: "97041", accountNumber: "1" })).toThrow(/BIN/);
    expect(() => vietQrPayload({ bankBin: "970415", accountNumber: "12 34" })).toThrow(/accountNumber/);
    expect(() => vietQrPayload({ bankBin: "970415", accountNumber: "1234", amountVnd: 0 })).toThrow(/amountVnd/);
    expect(() => vietQrPayload({ bankBin: "970415", accountNumber: "1234", amountVnd: 12.5 })).toThrow(/amountVnd/);
  });
});

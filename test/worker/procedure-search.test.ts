import { beforeAll, describe, expect, it } from "vitest";
import { DEMO_PROCEDURES } from "../../scripts/demo";
import { call, createProvince, integration, json } from "./helpers";

/** The demo province's real catalogue: land, civil status, ID card, construction… and the hotel rating that "so do" used to find first. */
const PROVINCE = "search-a";

beforeAll(async () => {
  const client = await createProvince(PROVINCE, "000.00.09.H09");
  for (const procedure of DEMO_PROCEDURES) {
    const res = await integration(client, "PUT", `/v1/integration/procedures/${procedure.code}`, procedure.request);
    if (res.status !== 200) throw new Error(`${procedure.code}: ${res.status} ${await res.text()}`);
  }
});

async function search(q: string): Promise<string[]> {
  const res = await call(`/v1/provinces/${PROVINCE}/procedures?q=${encodeURIComponent(q)}`);
  expect(res.status, q).toBe(200);
  return (await json(res)).procedures.map((p: { code: string }) => p.code);
}

const LAND_CERTIFICATE = "1.012790";
const HOUSE_ON_CERTIFIED_LAND = "1.012812";
const LAND_TRANSFER = "1.012806";
const BIRTH = "1.001193";
const ID_CARD = "2.000200";
const HOUSE_PERMIT = "1.009994";
const HOTEL_RATING = "1.004551";

describe("procedure search understands the words people use", () => {
  it.each([
    ["sổ đỏ", "so do", LAND_CERTIFICATE],
    ["sổ hồng", "so hong", LAND_CERTIFICATE],
    ["giấy đất", "giay dat", LAND_CERTIFICATE],
    ["làm giấy khai sinh", "lam giay khai sinh", BIRTH],
    ["căn cước", "can cuoc", ID_CARD],
    ["giấy phép xây nhà", "giay phep xay nha", HOUSE_PERMIT],
  ])("“%s” (or “%s”) puts the right procedure first", async (withMarks, without, expected) => {
    for (const q of [withMarks, without, withMarks.toUpperCase()]) expect((await search(q))[0], q).toBe(expected);
  });

  it("no longer finds the hotel star rating for “so do”, and offers the other land procedures after the certificate", async () => {
    const found = await search("so do");
    expect(found).not.toContain(HOTEL_RATING);
    expect(found).toEqual([LAND_CERTIFICATE, expect.any(String), expect.any(String)]);
    expect(found).toEqual(expect.arrayContaining([LAND_TRANSFER, HOUSE_ON_CERTIFIED_LAND]));
    // The pink book also named the house certificate: it comes right after the land-use certificate.
    expect((await search("so hong")).slice(0, 2)).toEqual([LAND_CERTIFICATE, HOUSE_ON_CERTIFIED_LAND]);
  });

  it("sets aside the words people add around what they look for", async () => {
    expect((await search("thủ tục làm sổ đỏ ở đâu"))[0]).toBe(LAND_CERTIFICATE);
    expect((await search("xin giay phep xay nha o"))[0]).toBe(HOUSE_PERMIT);
    expect((await search("cach lam cccd cho con"))[0]).toBe(ID_CARD);
    expect((await search("sang tên sổ đỏ"))[0]).toBe(LAND_TRANSFER);
  });

  it("still finds a procedure by its own words, exactly as before", async () => {
    expect(await search("dang ky ket hon")).toEqual(["1.000894"]);
    expect(await search("Đăng ký kết hôn")).toEqual(["1.000894"]);
    expect(await search("000894")).toEqual(["1.000894"]);
    expect(await search("1.000894")).toEqual(["1.000894"]);
    expect(await search("quyen su dung dat")).toContain(LAND_CERTIFICATE);
    expect(await search("khong co thu tuc nao nhu vay")).toEqual([]);
  });

  it("does not let a synonym hide procedures that hold every word typed", async () => {
    expect(await search("kinh doanh")).toContain("2.000720");
    expect(await search("xay dung")).toEqual([HOUSE_PERMIT]);
  });

  it("offers the procedures holding most of a longer question when none holds all of it", async () => {
    expect((await search("dang ky khai tu cho ba noi"))[0]).toBe("1.000656");
  });

  it("lists every procedure without a query, or with only filler words", async () => {
    const all = await search("");
    expect(all).toHaveLength(DEMO_PROCEDURES.length);
    expect(await search("thủ tục")).toEqual(all);
  });
});

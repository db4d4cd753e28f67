import { describe, expect, it } from "vitest";
import { directoryListing, matchesQuery, type DirectoryEntry } from "../../miniapp/src/domain/directory";

const desk = (id: string, name: string, level: string, address: string | null = null, shortName: string | null = null): DirectoryEntry => ({
  id,
  name,
  shortName,
  address,
  level,
});

const THO_XUAN = desk("35", "Trung tâm Phục vụ hành chính công xã Thọ Xuân", "commune", "Khu phố 4, xã Thọ Xuân");
const SAM_SON = desk("24", "Trung tâm Phục vụ hành chính công phường Sầm Sơn", "commune", "Số 02 Đại lộ Nam Sông Mã");
const HAC_THANH = desk("21", "Trung tâm Phục vụ hành chính công phường Hạc Thành", "commune", "Số 35 Phan Chu Trinh");
const PROVINCE = desk("06", "Trung tâm Phục vụ hành chính công tỉnh Thanh Hóa", "province", "Số 28 Đại lộ Lê Lợi", "TT PVHCC tỉnh");
const ALL = [THO_XUAN, SAM_SON, PROVINCE, HAC_THANH];

describe("searching the directory", () => {
  it("finds a desk typed without diacritics, or with them, in any case", () => {
    expect(matchesQuery(THO_XUAN, "tho xuan")).toBe(true);
    expect(matchesQuery(THO_XUAN, "THỌ XUÂN")).toBe(true);
    expect(matchesQuery(THO_XUAN, "  xuan   tho ")).toBe(true);
    expect(matchesQuery(SAM_SON, "tho xuan")).toBe(false);
  });

  it("matches the start of words, so a short syllable does not find every desk", () => {
    expect(matchesQuery(HAC_THANH, "thanh")).toBe(true);
    expect(matchesQuery(HAC_THANH, "hanh")).toBe(true); // "hành chính"
    expect(matchesQuery(SAM_SON, "on")).toBe(false); // inside "Sơn", not a word of its own
  });

  it("reads the address and the short name too, and ignores punctuation typed", () => {
    expect(matchesQuery(SAM_SON, "nam song ma")).toBe(true);
    expect(matchesQuery(PROVINCE, "pvhcc")).toBe(true);
    expect(matchesQuery(HAC_THANH, "phan chu trinh,")).toBe(true);
  });

  it("keeps every desk when nothing is typed", () => {
    expect(directoryListing(ALL, "   ", null).count).toBe(4);
  });
});

describe("the directory's order", () => {
  it("puts the provincial desk first, then communes by name as Vietnamese sorts", () => {
    const { selected, groups } = directoryListing(ALL, "", null);
    expect(selected).toBeNull();
    expect(groups.map((g) => [g.level, g.entries.map((e) => e.id)])).toEqual([
      ["province", ["06"]],
      // "phường Hạc Thành" < "phường Sầm Sơn" < "xã Thọ Xuân"
      ["commune", ["21", "24", "35"]],
    ]);
  });

  it("puts the desk a link asks for first, and not again in its group", () => {
    const { selected, groups, count } = directoryListing(ALL, "", "35");
    expect(selected).toBe(THO_XUAN);
    expect(groups.flatMap((g) => g.entries).map((e) => e.id)).toEqual(["06", "21", "24"]);
    expect(count).toBe(4);
  });

  it("lets a search hide the desk the link asked for when it does not match", () => {
    const { selected, groups, count } = directoryListing(ALL, "sam son", "35");
    expect(selected).toBeNull();
    expect(groups.flatMap((g) => g.entries)).toEqual([SAM_SON]);
    expect(count).toBe(1);
  });

  it("ignores an id that names no desk", () => {
    expect(directoryListing(ALL, "", "000.00.99.H56").selected).toBeNull();
  });

  it("gathers desks of other levels last, under one heading", () => {
    const other = desk("99", "Bộ phận một cửa Sở Tư pháp", "department");
    const { groups } = directoryListing([other, ...ALL], "", null);
    expect(groups.map((g) => g.level)).toEqual(["province", "commune", "other"]);
  });
});
